-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DEACTIVATED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'REVIEWER', 'EDITOR', 'AUDITOR');

-- CreateEnum
CREATE TYPE "CatalogVersionStatus" AS ENUM ('DRAFT', 'ACTIVE', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "TimeLimitTrigger" AS ENUM ('INFORMATION_FORMED', 'DECISION_MADE', 'APPROVAL_RECEIVED', 'WORK_STARTED', 'WORK_COMPLETED', 'RESULT_DETERMINED', 'CONTRACT_SIGNED', 'HEARING_HELD', 'POLICY_PUBLISHED');

-- CreateEnum
CREATE TYPE "TimeLimitUnit" AS ENUM ('WORKING_DAYS', 'CALENDAR_DAYS', 'HOURS');

-- CreateEnum
CREATE TYPE "DisclosureChannel" AS ENUM ('GOVERNMENT_WEBSITE', 'GOVERNMENT_GAZETTE', 'WECHAT_WEIBO_APP', 'PRESS_CONFERENCE_HEARING', 'RADIO_TV', 'PRINT_MEDIA', 'PUBLIC_READING_POINT', 'GOVERNMENT_SERVICE_CENTER', 'CONVENIENCE_SERVICE_STATION', 'DOOR_TO_DOOR_ON_SITE', 'BULLETIN_BOARD', 'TARGETED_PUSH', 'HOTLINE_12345', 'PUBLIC_RESOURCE_TRADING_PLATFORM', 'BIDDING_SERVICE_PLATFORM', 'LAND_EXPROPRIATION_PLATFORM', 'INVESTMENT_APPROVAL_PLATFORM', 'OTHER');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('PUBLIC', 'SPECIFIC_GROUP');

-- CreateEnum
CREATE TYPE "DisclosureMode" AS ENUM ('PROACTIVE', 'ON_REQUEST');

-- CreateEnum
CREATE TYPE "DisclosureLevel" AS ENUM ('COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "DisclosureStage" AS ENUM ('DECISION', 'EXECUTION', 'MANAGEMENT', 'SERVICE', 'RESULT');

-- CreateEnum
CREATE TYPE "ConcernKind" AS ENUM ('QUESTION', 'CORRECTION', 'SUGGESTION', 'COMPLAINT', 'DISCLOSURE_REQUEST');

-- CreateEnum
CREATE TYPE "ConcernStatus" AS ENUM ('RECEIVED', 'AWAITING_CORRECTION', 'THIRD_PARTY_CONSULTATION', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "ConcernClockEventKind" AS ENUM ('START', 'PAUSE_FOR_CORRECTION', 'PAUSE_FOR_THIRD_PARTY', 'RESUME', 'EXTEND');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RequesterType" AS ENUM ('NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'PUBLIC_INTEREST_ORGANIZATION', 'LEGAL_SERVICE_ORGANIZATION', 'OTHER_ORGANIZATION');

-- CreateEnum
CREATE TYPE "RequestOutcome" AS ENUM ('DISCLOSED', 'PARTIALLY_DISCLOSED', 'NOT_DISCLOSED', 'UNABLE_TO_PROVIDE', 'NOT_PROCESSED', 'OTHER', 'CARRIED_OVER');

-- CreateEnum
CREATE TYPE "RequestOutcomeDetail" AS ENUM ('STATE_SECRET', 'PROHIBITED_BY_LAW', 'ENDANGERS_SECURITY_STABILITY', 'THIRD_PARTY_RIGHTS', 'INTERNAL_AFFAIRS', 'PROCESS_INFORMATION', 'ENFORCEMENT_FILE', 'ADMINISTRATIVE_INQUIRY', 'NOT_HELD', 'NEEDS_CREATION', 'STILL_UNCLEAR', 'PETITION_COMPLAINT', 'REPEATED', 'PUBLICATION_REQUESTED', 'VEXATIOUS', 'CONFIRMATION_REQUESTED', 'FEE_UNPAID', 'CORRECTION_NOT_SUPPLIED', 'OTHER');

-- CreateEnum
CREATE TYPE "OrgUnitKind" AS ENUM ('COUNTY_GOVERNMENT', 'GOVERNMENT_OFFICE', 'DEPARTMENT', 'TOWNSHIP', 'SUBDISTRICT', 'VILLAGE', 'COMMUNITY');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');

-- CreateEnum
CREATE TYPE "CalendarSource" AS ENUM ('BUNDLED', 'ADMIN');

-- CreateEnum
CREATE TYPE "ReleaseStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'WITHDRAWN', 'REPEALED');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA', 'OTHER');

-- CreateEnum
CREATE TYPE "RevisionKind" AS ENUM ('MAJOR', 'MINOR');

-- CreateEnum
CREATE TYPE "WorkflowAction" AS ENUM ('CREATE', 'UPDATE', 'SUBMIT', 'APPROVE', 'REJECT', 'PUBLISH', 'SCHEDULE', 'UNSCHEDULE', 'WITHDRAW', 'REPEAL', 'RESTORE', 'COMMENT');

-- CreateEnum
CREATE TYPE "InterpretationForm" AS ENUM ('TEXT', 'GRAPHIC', 'AUDIO', 'VIDEO', 'QA', 'INTERVIEW', 'PRESS_CONFERENCE');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "displayName" VARCHAR(100) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "passwordChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "grantedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "tokenHash" VARCHAR(64) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" VARCHAR(200) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ChannelClient" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "description" TEXT,
    "orgUnitId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChannelClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "channelClientId" UUID NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "keyHash" VARCHAR(128) NOT NULL,
    "label" VARCHAR(100),
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" VARCHAR(100) NOT NULL,
    "actorUserId" UUID,
    "actorChannelId" UUID,
    "actorAddress" VARCHAR(64),
    "entityType" VARCHAR(50),
    "entityId" VARCHAR(64),
    "orgUnitId" UUID,
    "requestId" VARCHAR(64),
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Domain" (
    "id" UUID NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "changeNote" TEXT NOT NULL,
    "status" "CatalogVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "effectiveFrom" DATE NOT NULL,
    "activatedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Matter" (
    "id" UUID NOT NULL,
    "domainId" UUID NOT NULL,
    "parentId" UUID,
    "level" SMALLINT NOT NULL,
    "code" VARCHAR(100) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Matter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Standard" (
    "id" UUID NOT NULL,
    "matterId" UUID NOT NULL,
    "catalogVersionId" UUID NOT NULL,
    "legalBasis" JSONB NOT NULL DEFAULT '[]',
    "contentElements" JSONB NOT NULL DEFAULT '[]',
    "responsibleText" TEXT NOT NULL,
    "responsibleOrgId" UUID,
    "timeLimitText" TEXT NOT NULL,
    "timeLimitTrigger" "TimeLimitTrigger" NOT NULL,
    "timeLimitAmount" INTEGER,
    "timeLimitUnit" "TimeLimitUnit",
    "timeLimitBefore" BOOLEAN NOT NULL DEFAULT false,
    "displayPeriodAmount" INTEGER,
    "displayPeriodUnit" "TimeLimitUnit",
    "requiredChannels" "DisclosureChannel"[],
    "optionalChannels" "DisclosureChannel"[],
    "audience" "Audience" NOT NULL,
    "audienceNote" TEXT,
    "mode" "DisclosureMode" NOT NULL,
    "levels" "DisclosureLevel"[],
    "stages" "DisclosureStage"[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Concern" (
    "id" UUID NOT NULL,
    "trackingNo" VARCHAR(40) NOT NULL,
    "kind" "ConcernKind" NOT NULL,
    "status" "ConcernStatus" NOT NULL DEFAULT 'RECEIVED',
    "orgUnitId" UUID NOT NULL,
    "channelClientId" UUID,
    "matterId" UUID,
    "subject" VARCHAR(300) NOT NULL,
    "content" TEXT NOT NULL,
    "deliveryPreference" VARCHAR(200),
    "publicConsent" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "clockStartedAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "extensionDays" INTEGER NOT NULL DEFAULT 0,
    "answeredAt" TIMESTAMPTZ(3),
    "outcome" "RequestOutcome",
    "outcomeDetail" "RequestOutcomeDetail",
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Concern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernSubmitter" (
    "concernId" UUID NOT NULL,
    "requesterType" "RequesterType" NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "idDocumentType" VARCHAR(40),
    "idDocumentNo" VARCHAR(64),
    "phone" VARCHAR(40),
    "email" VARCHAR(200),
    "address" VARCHAR(300),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernSubmitter_pkey" PRIMARY KEY ("concernId")
);

-- CreateTable
CREATE TABLE "ConcernClockEvent" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "kind" "ConcernClockEventKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "actorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernClockEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'DRAFT',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "bodyText" TEXT NOT NULL DEFAULT '',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "publishedAt" TIMESTAMPTZ(3),
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" UUID NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "shortName" VARCHAR(50),
    "kind" "OrgUnitKind" NOT NULL,
    "parentId" UUID,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkCalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" VARCHAR(50),
    "source" "CalendarSource" NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkCalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "WorkCalendarYear" (
    "year" SMALLINT NOT NULL,
    "source" "CalendarSource" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkCalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "sequence" BIGSERIAL NOT NULL,
    "topic" VARCHAR(100) NOT NULL,
    "aggregateType" VARCHAR(50) NOT NULL,
    "aggregateId" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" VARCHAR(300) NOT NULL,
    "requestHash" VARCHAR(64) NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" UUID NOT NULL,
    "matterId" UUID NOT NULL,
    "publisherId" UUID NOT NULL,
    "status" "ReleaseStatus" NOT NULL DEFAULT 'DRAFT',
    "title" VARCHAR(300) NOT NULL,
    "docNo" VARCHAR(100),
    "indexNo" VARCHAR(120),
    "indexYear" SMALLINT,
    "indexSerial" INTEGER,
    "stage" "DisclosureStage" NOT NULL,
    "topic" VARCHAR(100),
    "genre" VARCHAR(50),
    "keywords" TEXT[],
    "summary" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "bodyText" TEXT NOT NULL DEFAULT '',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "targetChannels" "ChannelKind"[],
    "issuedAt" DATE,
    "generatedAt" TIMESTAMPTZ(3),
    "formedAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "firstPublishedAt" TIMESTAMPTZ(3),
    "publishedOnTime" BOOLEAN,
    "publishAt" TIMESTAMPTZ(3),
    "effectiveAt" DATE,
    "repealedAt" DATE,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawalReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" UUID NOT NULL,
    "releaseId" UUID,
    "interpretationId" UUID,
    "number" INTEGER NOT NULL,
    "kind" "RevisionKind" NOT NULL,
    "changeNote" TEXT,
    "status" "ReleaseStatus" NOT NULL,
    "snapshot" JSONB NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "action" "WorkflowAction" NOT NULL,
    "comment" TEXT,
    "fromStatus" "ReleaseStatus" NOT NULL,
    "toStatus" "ReleaseStatus" NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndexNoCounter" (
    "orgUnitId" UUID NOT NULL,
    "year" SMALLINT NOT NULL,
    "lastSerial" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IndexNoCounter_pkey" PRIMARY KEY ("orgUnitId","year")
);

-- CreateTable
CREATE TABLE "Interpretation" (
    "id" UUID NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "form" "InterpretationForm" NOT NULL,
    "interpretingOrgId" UUID NOT NULL,
    "interpreterName" VARCHAR(100),
    "status" "ReleaseStatus" NOT NULL DEFAULT 'DRAFT',
    "summary" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "bodyText" TEXT NOT NULL DEFAULT '',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "targetChannels" "ChannelKind"[],
    "dueAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "publishedOnTime" BOOLEAN,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Interpretation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterpretationPolicy" (
    "interpretationId" UUID NOT NULL,
    "releaseId" UUID NOT NULL,

    CONSTRAINT "InterpretationPolicy_pkey" PRIMARY KEY ("interpretationId","releaseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "RoleGrant_orgUnitId_idx" ON "RoleGrant"("orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleGrant_userId_role_orgUnitId_key" ON "RoleGrant"("userId", "role", "orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshToken_tokenHash_key" ON "RefreshToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RefreshToken_familyId_idx" ON "RefreshToken"("familyId");

-- CreateIndex
CREATE INDEX "RefreshToken_userId_idx" ON "RefreshToken"("userId");

-- CreateIndex
CREATE INDEX "ChannelClient_kind_idx" ON "ChannelClient"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_channelClientId_idx" ON "ApiKey"("channelClientId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_occurredAt_idx" ON "AuditEvent"("actorUserId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_code_key" ON "Domain"("code");

-- CreateIndex
CREATE INDEX "Domain_sortOrder_id_idx" ON "Domain"("sortOrder", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogVersion_number_key" ON "CatalogVersion"("number");

-- CreateIndex
CREATE INDEX "CatalogVersion_status_idx" ON "CatalogVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Matter_code_key" ON "Matter"("code");

-- CreateIndex
CREATE INDEX "Matter_domainId_level_sortOrder_id_idx" ON "Matter"("domainId", "level", "sortOrder", "id");

-- CreateIndex
CREATE INDEX "Matter_parentId_sortOrder_id_idx" ON "Matter"("parentId", "sortOrder", "id");

-- CreateIndex
CREATE INDEX "Standard_catalogVersionId_idx" ON "Standard"("catalogVersionId");

-- CreateIndex
CREATE INDEX "Standard_responsibleOrgId_idx" ON "Standard"("responsibleOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Standard_matterId_catalogVersionId_key" ON "Standard"("matterId", "catalogVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "Concern_trackingNo_key" ON "Concern"("trackingNo");

-- CreateIndex
CREATE INDEX "Concern_orgUnitId_status_dueAt_idx" ON "Concern"("orgUnitId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Concern_kind_status_receivedAt_idx" ON "Concern"("kind", "status", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "ConcernClockEvent_concernId_at_idx" ON "ConcernClockEvent"("concernId", "at");

-- CreateIndex
CREATE INDEX "Response_concernId_createdAt_idx" ON "Response"("concernId", "createdAt");

-- CreateIndex
CREATE INDEX "Response_status_publishedAt_idx" ON "Response"("status", "publishedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_code_key" ON "OrgUnit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_path_key" ON "OrgUnit"("path");

-- CreateIndex
CREATE INDEX "OrgUnit_parentId_sortOrder_idx" ON "OrgUnit"("parentId", "sortOrder");

-- CreateIndex
CREATE INDEX "OutboxEvent_topic_sequence_idx" ON "OutboxEvent"("topic", "sequence");

-- CreateIndex
CREATE INDEX "OutboxEvent_aggregateType_aggregateId_idx" ON "OutboxEvent"("aggregateType", "aggregateId");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Release_indexNo_key" ON "Release"("indexNo");

-- CreateIndex
CREATE INDEX "Release_status_publishedAt_id_idx" ON "Release"("status", "publishedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Release_matterId_status_publishedAt_idx" ON "Release"("matterId", "status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Release_publisherId_status_publishedAt_idx" ON "Release"("publisherId", "status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Release_stage_status_publishedAt_idx" ON "Release"("stage", "status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Release_status_dueAt_idx" ON "Release"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Release_status_publishAt_idx" ON "Release"("status", "publishAt");

-- CreateIndex
CREATE INDEX "Release_targetChannels_idx" ON "Release" USING GIN ("targetChannels");

-- CreateIndex
CREATE UNIQUE INDEX "Release_publisherId_indexYear_indexSerial_key" ON "Release"("publisherId", "indexYear", "indexSerial");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_releaseId_number_key" ON "Revision"("releaseId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_interpretationId_number_key" ON "Revision"("interpretationId", "number");

-- CreateIndex
CREATE INDEX "ReviewNote_releaseId_createdAt_idx" ON "ReviewNote"("releaseId", "createdAt");

-- CreateIndex
CREATE INDEX "Interpretation_status_publishedAt_idx" ON "Interpretation"("status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Interpretation_interpretingOrgId_status_idx" ON "Interpretation"("interpretingOrgId", "status");

-- CreateIndex
CREATE INDEX "InterpretationPolicy_releaseId_idx" ON "InterpretationPolicy"("releaseId");

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelClient" ADD CONSTRAINT "ChannelClient_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_channelClientId_fkey" FOREIGN KEY ("channelClientId") REFERENCES "ChannelClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogVersion" ADD CONSTRAINT "CatalogVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matter" ADD CONSTRAINT "Matter_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matter" ADD CONSTRAINT "Matter_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Standard" ADD CONSTRAINT "Standard_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Standard" ADD CONSTRAINT "Standard_catalogVersionId_fkey" FOREIGN KEY ("catalogVersionId") REFERENCES "CatalogVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Standard" ADD CONSTRAINT "Standard_responsibleOrgId_fkey" FOREIGN KEY ("responsibleOrgId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_channelClientId_fkey" FOREIGN KEY ("channelClientId") REFERENCES "ChannelClient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernSubmitter" ADD CONSTRAINT "ConcernSubmitter_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernClockEvent" ADD CONSTRAINT "ConcernClockEvent_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernClockEvent" ADD CONSTRAINT "ConcernClockEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkCalendarDay" ADD CONSTRAINT "WorkCalendarDay_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_interpretationId_fkey" FOREIGN KEY ("interpretationId") REFERENCES "Interpretation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndexNoCounter" ADD CONSTRAINT "IndexNoCounter_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interpretation" ADD CONSTRAINT "Interpretation_interpretingOrgId_fkey" FOREIGN KEY ("interpretingOrgId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interpretation" ADD CONSTRAINT "Interpretation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterpretationPolicy" ADD CONSTRAINT "InterpretationPolicy_interpretationId_fkey" FOREIGN KEY ("interpretationId") REFERENCES "Interpretation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterpretationPolicy" ADD CONSTRAINT "InterpretationPolicy_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: constraints Prisma cannot express, and the append-only audit log.
ALTER TABLE "Matter" ADD CONSTRAINT "Matter_level_check" CHECK ("level" BETWEEN 1 AND 3);
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_owner_check" CHECK (num_nonnulls("releaseId", "interpretationId") = 1);
ALTER TABLE "Standard" ADD CONSTRAINT "Standard_timeLimit_check"
  CHECK (("timeLimitAmount" IS NULL) = ("timeLimitUnit" IS NULL) AND coalesce("timeLimitAmount", 0) >= 0
     AND ("displayPeriodAmount" IS NULL) = ("displayPeriodUnit" IS NULL));
ALTER TABLE "Release" ADD CONSTRAINT "Release_indexNo_check"
  CHECK (("indexNo" IS NULL) = ("indexSerial" IS NULL) AND ("indexSerial" IS NULL) = ("indexYear" IS NULL));
ALTER TABLE "Release" ADD CONSTRAINT "Release_version_check" CHECK ("version" >= 1);
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_extensionDays_check" CHECK ("extensionDays" BETWEEN 0 AND 20);
ALTER TABLE "IndexNoCounter" ADD CONSTRAINT "IndexNoCounter_lastSerial_check" CHECK ("lastSerial" BETWEEN 0 AND 99999);

CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "AuditEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
