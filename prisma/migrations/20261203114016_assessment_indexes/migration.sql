-- CreateIndex
CREATE INDEX "Release_publisherId_firstPublishedAt_idx" ON "Release"("publisherId", "firstPublishedAt");

-- CreateIndex
CREATE INDEX "Release_matterId_publisherId_firstPublishedAt_idx" ON "Release"("matterId", "publisherId", "firstPublishedAt");
