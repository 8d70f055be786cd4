-- CreateTable
CREATE TABLE "ReleasePreview" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "tokenHash" VARCHAR(128) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleasePreview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReleasePreview_prefix_key" ON "ReleasePreview"("prefix");

-- CreateIndex
CREATE INDEX "ReleasePreview_releaseId_createdAt_idx" ON "ReleasePreview"("releaseId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "ReleasePreview" ADD CONSTRAINT "ReleasePreview_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleasePreview" ADD CONSTRAINT "ReleasePreview_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
