-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable: keys made before trusted documents existed keep sending text; new keys default to the manifest only.
ALTER TABLE "ApiKey" ADD COLUMN     "trustedDocumentsOnly" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ApiKey" ALTER COLUMN "trustedDocumentsOnly" SET DEFAULT true;

-- AlterTable
ALTER TABLE "ChannelClient" ADD COLUMN     "operationsPerMinute" INTEGER;

-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "channels" "ChannelKind"[] DEFAULT ARRAY[]::"ChannelKind"[],
ADD COLUMN     "orgUnitId" UUID,
ADD COLUMN     "public" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;

-- Events written before this migration: their audience from what they are about (the feed
-- filters on these columns, never on the payload).
UPDATE "OutboxEvent" o SET
  "orgUnitId" = CASE o."aggregateType"
    WHEN 'Release' THEN (SELECT r."publisherId" FROM "Release" r WHERE r."id" = o."aggregateId")
    WHEN 'Interpretation' THEN (SELECT i."interpretingOrgId" FROM "Interpretation" i WHERE i."id" = o."aggregateId")
    WHEN 'Response' THEN (SELECT r."orgUnitId" FROM "Response" r WHERE r."id" = o."aggregateId")
  END,
  "channels" = CASE o."aggregateType"
    WHEN 'Release' THEN COALESCE((SELECT r."targetChannels" FROM "Release" r WHERE r."id" = o."aggregateId"), ARRAY[]::"ChannelKind"[])
    WHEN 'Interpretation' THEN COALESCE((SELECT i."targetChannels" FROM "Interpretation" i WHERE i."id" = o."aggregateId"), ARRAY[]::"ChannelKind"[])
    ELSE enum_range(NULL::"ChannelKind")
  END,
  -- An answer is public only with its submitter's consent; unknown means not public.
  "public" = CASE o."aggregateType"
    WHEN 'Response' THEN COALESCE((SELECT c."publicConsent" FROM "Response" r JOIN "Concern" c ON c."id" = r."concernId" WHERE r."id" = o."aggregateId"), false)
    ELSE true
  END;

-- CreateTable
CREATE TABLE "OutboxHorizon" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "txid" BIGINT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "purgedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxHorizon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "channelClientId" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "description" VARCHAR(500),
    "eventKinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),
    "disabledReason" VARCHAR(500),
    "failingSince" TIMESTAMPTZ(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "eventSequence" BIGINT NOT NULL,
    "topic" VARCHAR(100) NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "nextAttemptAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "responseStatus" INTEGER,
    "latencyMs" INTEGER,
    "lastError" VARCHAR(1000),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookCursor" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "txid" BIGINT NOT NULL DEFAULT 0,
    "sequence" BIGINT NOT NULL DEFAULT 0,
    "movedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelUsage" (
    "channelClientId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "operations" BIGINT NOT NULL DEFAULT 0,
    "throttled" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ChannelUsage_pkey" PRIMARY KEY ("channelClientId","hour")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_channelClientId_idx" ON "WebhookEndpoint"("channelClientId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventSequence_key" ON "WebhookDelivery"("endpointId", "eventSequence");

-- CreateIndex
CREATE INDEX "OutboxEvent_txid_sequence_idx" ON "OutboxEvent"("txid", "sequence");

-- CreateIndex
CREATE INDEX "OutboxEvent_occurredAt_idx" ON "OutboxEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_channelClientId_fkey" FOREIGN KEY ("channelClientId") REFERENCES "ChannelClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelUsage" ADD CONSTRAINT "ChannelUsage_channelClientId_fkey" FOREIGN KEY ("channelClientId") REFERENCES "ChannelClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every committed outbox event wakes the listeners of this database (other API instances purge
-- their caches, the webhook dispatcher looks for work). NOTIFY is delivered at commit only, so a
-- rolled-back change wakes nobody.
CREATE FUNCTION "outbox_event_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gongkai_changes', NEW."sequence"::text);
  RETURN NULL;
END $$;
CREATE TRIGGER "OutboxEvent_notify" AFTER INSERT ON "OutboxEvent"
  FOR EACH ROW EXECUTE FUNCTION "outbox_event_notify"();
