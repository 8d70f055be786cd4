// The job handlers. Each is safe to run more than once and late (after downtime the queue
// runs overdue jobs at start-up): it re-checks state under a row lock before acting.
import type { Task, TaskList } from 'graphile-worker';
import type { Db } from '../db/database.js';
import { purgeExpiredIdempotencyRecords } from '../modules/idempotency/idempotency.service.js';
import { runScheduledPublication, runScheduledRepeal } from '../modules/releases/release-workflow.service.js';
import { JobTask } from './job-queue.js';

function releaseIdOf(payload: unknown): string {
  const id = (payload as { releaseId?: unknown } | null)?.releaseId;
  if (typeof id !== 'string') throw new Error('job: payload has no releaseId');
  return id;
}

export function createTaskList(db: Db, timeZone: string): TaskList {
  const publish: Task = async (payload, helpers) => {
    const published = await runScheduledPublication(db, releaseIdOf(payload), new Date(), timeZone);
    helpers.logger.info(published ? 'scheduled release published' : 'scheduled release no longer due; nothing to do');
  };
  const repeal: Task = async (payload, helpers) => {
    const reason = (payload as { reason?: string | null }).reason ?? null;
    const repealed = await runScheduledRepeal(db, releaseIdOf(payload), reason, new Date(), timeZone);
    helpers.logger.info(repealed ? 'release repealed' : 'repeal no longer applicable; nothing to do');
  };
  const cleanup: Task = async (_payload, helpers) => {
    const removed = await purgeExpiredIdempotencyRecords(db, new Date());
    helpers.logger.info(`removed ${removed} expired idempotency records`);
  };
  return {
    [JobTask.PUBLISH_SCHEDULED_RELEASE]: publish,
    [JobTask.REPEAL_RELEASE]: repeal,
    [JobTask.CLEANUP_IDEMPOTENCY]: cleanup,
  };
}
