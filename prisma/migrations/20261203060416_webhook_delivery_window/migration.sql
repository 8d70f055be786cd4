-- AlterEnum
ALTER TYPE "WebhookDeliveryStatus" ADD VALUE 'SKIPPED';

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "firstAttemptAt" TIMESTAMPTZ(3);
