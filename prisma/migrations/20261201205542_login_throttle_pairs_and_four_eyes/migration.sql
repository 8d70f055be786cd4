-- AlterTable
ALTER TABLE "LoginThrottle" DROP CONSTRAINT "LoginThrottle_pkey",
ADD COLUMN     "throttled" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "key" SET DATA TYPE VARCHAR(300),
ADD CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key");

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "singlePersonReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "username" VARCHAR(64) NOT NULL,
    "address" VARCHAR(64) NOT NULL,
    "lastSignedInAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KnownSignInAddress_pkey" PRIMARY KEY ("username","address")
);

-- CreateIndex
CREATE INDEX "KnownSignInAddress_lastSignedInAt_idx" ON "KnownSignInAddress"("lastSignedInAt");

-- Hand-written: the audit log stays append-only for every change record; only sign-in noise
-- (failed attempts and lock notices) may be purged, and only once it is at least 7 days old —
-- the retention job (AUTH_AUDIT_RETENTION_DAYS) cannot be set shorter than that.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- OLD exists only for row triggers: TRUNCATE (a statement trigger) is always refused.
  IF TG_OP = 'DELETE' THEN
    IF OLD."action" IN ('auth.login.failed', 'auth.login.locked', 'auth.login.throttled')
       AND OLD."occurredAt" < now() - interval '7 days' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
