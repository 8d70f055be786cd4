-- CreateEnum
CREATE TYPE "AnnualReportItem" AS ENUM ('ADMINISTRATIVE_LICENSE', 'ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_COERCION', 'ADMINISTRATIVE_FEE');

-- CreateEnum
CREATE TYPE "StandardRecurrence" AS ENUM ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "RequestReceiptMethod" AS ENUM ('IN_PERSON', 'POST', 'LETTER', 'ONLINE', 'FAX');

-- CreateEnum
CREATE TYPE "AppealKind" AS ENUM ('RECONSIDERATION', 'LITIGATION');

-- CreateEnum
CREATE TYPE "AppealResult" AS ENUM ('UPHELD', 'CORRECTED', 'OTHER', 'PENDING');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ConcernClockEventKind" ADD VALUE 'CORRECTED';
ALTER TYPE "ConcernClockEventKind" ADD VALUE 'ABANDON';

-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "concludedAt" TIMESTAMPTZ(3),
ADD COLUMN     "correctionDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "receiptMethod" "RequestReceiptMethod",
ADD COLUMN     "requesterType" "RequesterType";

-- AlterTable
ALTER TABLE "ConcernClockEvent" ADD COLUMN     "approver" VARCHAR(100),
ADD COLUMN     "workingDays" INTEGER;

-- AlterTable
ALTER TABLE "Matter" ADD COLUMN     "reportItem" "AnnualReportItem";

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "outcome" "RequestOutcome",
ADD COLUMN     "outcomeDetail" "RequestOutcomeDetail";

-- AlterTable
ALTER TABLE "Standard" ADD COLUMN     "recurrence" "StandardRecurrence";

-- CreateTable
CREATE TABLE "DisclosureAppeal" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "kind" "AppealKind" NOT NULL,
    "afterReconsideration" BOOLEAN NOT NULL DEFAULT false,
    "caseNo" VARCHAR(100),
    "filedOn" DATE NOT NULL,
    "result" "AppealResult" NOT NULL DEFAULT 'PENDING',
    "decidedOn" DATE,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DisclosureAppeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "weights" JSONB NOT NULL,
    "excellentFrom" INTEGER NOT NULL DEFAULT 90,
    "passFrom" INTEGER NOT NULL DEFAULT 70,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderRun" (
    "day" DATE NOT NULL,
    "units" INTEGER NOT NULL,
    "ranAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderRun_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "DisclosureAppeal_concernId_idx" ON "DisclosureAppeal"("concernId");

-- CreateIndex
CREATE INDEX "DisclosureAppeal_filedOn_idx" ON "DisclosureAppeal"("filedOn");

-- CreateIndex
CREATE INDEX "AssessmentScheme_active_idx" ON "AssessmentScheme"("active");

-- CreateIndex
CREATE INDEX "Concern_kind_receivedAt_idx" ON "Concern"("kind", "receivedAt");

-- CreateIndex
CREATE INDEX "Concern_kind_concludedAt_idx" ON "Concern"("kind", "concludedAt");

-- CreateIndex
CREATE INDEX "Concern_status_correctionDueAt_idx" ON "Concern"("status", "correctionDueAt");

-- AddForeignKey
ALTER TABLE "DisclosureAppeal" ADD CONSTRAINT "DisclosureAppeal_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureAppeal" ADD CONSTRAINT "DisclosureAppeal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
