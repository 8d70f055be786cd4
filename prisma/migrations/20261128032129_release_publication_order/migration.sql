-- CreateIndex
CREATE INDEX "Release_publishedAt_id_idx" ON "Release"("publishedAt" DESC, "id" DESC);
