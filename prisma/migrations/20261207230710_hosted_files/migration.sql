-- AlterTable
ALTER TABLE "Interpretation" ADD COLUMN     "coverFileId" UUID;

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "coverFileId" UUID;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "mimeType" VARCHAR(120) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "uploadedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoredFile_sha256_idx" ON "StoredFile"("sha256");

-- CreateIndex
CREATE INDEX "StoredFile_uploadedById_createdAt_idx" ON "StoredFile"("uploadedById", "createdAt");

-- CreateIndex
CREATE INDEX "Interpretation_attachments_idx" ON "Interpretation" USING GIN ("attachments" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Interpretation_coverFileId_idx" ON "Interpretation"("coverFileId");

-- CreateIndex
CREATE INDEX "Release_attachments_idx" ON "Release" USING GIN ("attachments" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Release_coverFileId_idx" ON "Release"("coverFileId");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_coverFileId_fkey" FOREIGN KEY ("coverFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interpretation" ADD CONSTRAINT "Interpretation_coverFileId_fkey" FOREIGN KEY ("coverFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
