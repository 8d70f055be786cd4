// The job handlers. Each is safe to run more than once and late (after downtime the queue
// runs overdue jobs at start-up): it re-checks state under a row lock before acting.
import type { Task, TaskList } from 'graphile-worker';
import type { Db } from '../db/database.js';
import { purgeAuthNoise } from '../modules/audit/audit.service.js';
import { purgeIdleThrottles } from '../modules/auth/login-throttle.js';
import { purgeClosedConcernSubmitters } from '../modules/concerns/concern.service.js';
import { purgeExpiredIdempotencyRecords } from '../modules/idempotency/idempotency.service.js';
import { runScheduledPublication, runScheduledRepeal, type JobOutcome } from '../modules/releases/release-workflow.service.js';
import type { DeadlineRules } from '../modules/calendar/deadline-rules.js';
import { JobTask } from './job-queue.js';

function releaseIdOf(payload: unknown): string {
  const id = (payload as { releaseId?: unknown } | null)?.releaseId;
  if (typeof id !== 'string') throw new Error('job: payload has no releaseId');
  return id;
}

/** A job that ran before its time fails, so the queue retries it (never a silent success). */
function settle(outcome: JobOutcome, helpers: Parameters<Task>[1], done: string, onDone: () => void): void {
  if (outcome === 'not-due') throw new Error('job ran before its time; retrying');
  if (outcome === 'done') onDone();
  helpers.logger.info(outcome === 'done' ? done : 'nothing left to do (already done or cancelled)');
}

export interface TaskSettings {
  timeZone: string;
  deadlines: DeadlineRules;
  authAuditRetentionDays: number;
}

export function createTaskList(db: Db, settings: TaskSettings, onPublicChange: () => void = () => {}): TaskList {
  const { timeZone } = settings;
  const publish: Task = async (payload, helpers) => {
    settle(await runScheduledPublication(db, releaseIdOf(payload), new Date(), { timeZone, interpretationWorkingDays: settings.deadlines.interpretationWorkingDays }), helpers, 'scheduled release published', onPublicChange);
  };
  const repeal: Task = async (payload, helpers) => {
    const reason = (payload as { reason?: string | null }).reason ?? null;
    settle(await runScheduledRepeal(db, releaseIdOf(payload), reason, new Date(), timeZone), helpers, 'release repealed', onPublicChange);
  };
  const cleanup: Task = async (_payload, helpers) => {
    const now = new Date();
    const keys = await purgeExpiredIdempotencyRecords(db, now);
    const throttles = await purgeIdleThrottles(db, now);
    const noise = await purgeAuthNoise(db, now, settings.authAuditRetentionDays);
    const submitters = await purgeClosedConcernSubmitters(db, now, settings.deadlines.submitterRetentionDays);
    helpers.logger.info(
      `removed ${keys} expired idempotency records, ${throttles} idle throttle counters, ${noise} sign-in failures past retention and the personal data of ${submitters} closed concerns`,
    );
  };
  return {
    [JobTask.PUBLISH_SCHEDULED_RELEASE]: publish,
    [JobTask.REPEAL_RELEASE]: repeal,
    [JobTask.CLEANUP_EXPIRED]: cleanup,
  };
}
