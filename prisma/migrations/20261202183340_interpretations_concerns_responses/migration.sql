-- AlterEnum
ALTER TYPE "ConcernKind" ADD VALUE 'PUBLIC_OPINION';

-- DropForeignKey
ALTER TABLE "Response" DROP CONSTRAINT "Response_authorId_fkey";

-- DropIndex
DROP INDEX "Interpretation_status_publishedAt_idx";

-- DropIndex
DROP INDEX "Response_status_publishedAt_idx";

-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "accessCodeHash" VARCHAR(64),
ADD COLUMN     "answeredOnTime" BOOLEAN,
ADD COLUMN     "channel" "ChannelKind",
ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "extensionReason" TEXT,
ADD COLUMN     "major" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "releaseId" UUID,
ADD COLUMN     "submitterPurgedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Interpretation" ADD COLUMN     "firstPublishedAt" TIMESTAMPTZ(3),
ADD COLUMN     "updatedById" UUID,
ADD COLUMN     "withdrawalReason" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "interpretationDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "interpretedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Response" DROP COLUMN "authorId",
ADD COLUMN     "correctedReleaseId" UUID,
ADD COLUMN     "createdById" UUID,
ADD COLUMN     "firstPublishedAt" TIMESTAMPTZ(3),
ADD COLUMN     "justified" BOOLEAN,
ADD COLUMN     "updatedById" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawalReason" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3),
DROP COLUMN "status",
ADD COLUMN     "status" "ReleaseStatus" NOT NULL DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "ReviewNote" ADD COLUMN     "interpretationId" UUID,
ADD COLUMN     "responseId" UUID,
ALTER COLUMN "releaseId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "responseId" UUID;

-- AlterTable
ALTER TABLE "Standard" ADD COLUMN     "requiresInterpretation" BOOLEAN NOT NULL DEFAULT false;

-- DropEnum
DROP TYPE "ResponseStatus";

-- CreateIndex
CREATE INDEX "Concern_status_dueAt_idx" ON "Concern"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Concern_closedAt_idx" ON "Concern"("closedAt");

-- CreateIndex
CREATE INDEX "Interpretation_status_publishedAt_id_idx" ON "Interpretation"("status", "publishedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Release_interpretationDueAt_idx" ON "Release"("interpretationDueAt");

-- CreateIndex
CREATE INDEX "Response_status_publishedAt_id_idx" ON "Response"("status", "publishedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReviewNote_interpretationId_createdAt_idx" ON "ReviewNote"("interpretationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewNote_responseId_createdAt_idx" ON "ReviewNote"("responseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_responseId_number_key" ON "Revision"("responseId", "number");

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_correctedReleaseId_fkey" FOREIGN KEY ("correctedReleaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_interpretationId_fkey" FOREIGN KEY ("interpretationId") REFERENCES "Interpretation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interpretation" ADD CONSTRAINT "Interpretation_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Each workflow row belongs to exactly one piece of content (Prisma cannot express this).
ALTER TABLE "Revision" DROP CONSTRAINT "Revision_owner_check";
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_owner_check" CHECK (num_nonnulls("releaseId", "interpretationId", "responseId") = 1);
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_owner_check" CHECK (num_nonnulls("releaseId", "interpretationId", "responseId") = 1);
