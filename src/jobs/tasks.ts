// The job handlers. Each is safe to run more than once and late (after downtime the queue
// runs overdue jobs at start-up): it re-checks state under a row lock before acting.
import type { Task, TaskList } from 'graphile-worker';
import type { Db } from '../db/database.js';
import { purgeAuthNoise } from '../modules/audit/audit.service.js';
import { purgeIdleThrottles } from '../modules/auth/login-throttle.js';
import { purgeClosedConcernSubmitters } from '../modules/concerns/concern.service.js';
import { abandonLapsedRequests } from '../modules/requests/request.service.js';
import { purgeExpiredIdempotencyRecords } from '../modules/idempotency/idempotency.service.js';
import { purgeOldEvents } from '../modules/changes/change-feed.js';
import { runScheduledPublication, runScheduledRepeal, type JobOutcome } from '../modules/releases/release-workflow.service.js';
import type { DeadlineRules } from '../modules/calendar/deadline-rules.js';
import { JobTask, type JobQueue } from './job-queue.js';
import { inBackground } from './background.js';
import type { WebhooksConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { deliverEndpoint, dispatchWebhooks, type WebhookMetrics } from '../modules/webhooks/webhook-delivery.js';
import { runDueSoonReminders } from '../modules/reminders/reminder.service.js';
import { secretEncryptionKey } from '../modules/webhooks/webhook-secrets.js';

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
  /** Days of outbox events the change feed keeps. */
  changeRetentionDays: number;
  /** REMINDER_WORKING_DAYS: the daily reminder lists what falls due within this many working days. */
  reminderWorkingDays: number;
  /** Webhook delivery: the queue jobs are added to, settings, the key of stored secrets. */
  webhooks: { jobs: JobQueue; settings: WebhooksConfig; serverSecret: Uint8Array; logger: Logger; metrics?: WebhookMetrics | undefined };
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
    const events = await purgeOldEvents(db, now, settings.changeRetentionDays);
    // Last: a request that cannot be concluded must not hold up the purges above.
    const abandoned = await abandonLapsedRequests(db, now, timeZone);
    helpers.logger.info(
      `concluded ${abandoned} disclosure requests not corrected in time (视为放弃); removed ${keys} expired idempotency records, ${throttles} idle throttle counters, ${noise} sign-in failures past retention, the personal data of ${submitters} closed concerns and ${events} change-feed events past retention`,
    );
  };
  const webhooks = { db, ...settings.webhooks, encryptionKey: secretEncryptionKey(settings.webhooks.serverSecret) };
  const dispatch: Task = async (payload, helpers) => {
    const queued = await dispatchWebhooks(webhooks, { sweep: (payload as { sweep?: boolean } | null)?.sweep === true });
    if (queued > 0) helpers.logger.info(`queued ${queued} webhook deliveries`);
  };
  const deliver: Task = async (payload) => {
    const endpointId = (payload as { endpointId?: unknown } | null)?.endpointId;
    if (typeof endpointId !== 'string') throw new Error('job: payload has no endpointId');
    await deliverEndpoint(webhooks, endpointId);
  };
  const reminders: Task = async (_payload, helpers) => {
    const outcome = await runDueSoonReminders(db, new Date(), { timeZone, workingDays: settings.reminderWorkingDays });
    // Announced like a publication, so this process's webhook dispatcher wakes at once (the
    // embedded database delivers no notifications).
    if (outcome.ran && outcome.units.length > 0) onPublicChange();
    helpers.logger.info(outcome.ran ? `reminders for ${outcome.day}: ${outcome.units.length} units have something due` : `reminders for ${outcome.day} were already sent`);
  };
  const tasks: TaskList = {
    [JobTask.WEBHOOK_DISPATCH]: dispatch,
    [JobTask.WEBHOOK_DELIVER]: deliver,
    [JobTask.PUBLISH_SCHEDULED_RELEASE]: publish,
    [JobTask.REPEAL_RELEASE]: repeal,
    [JobTask.CLEANUP_EXPIRED]: cleanup,
    [JobTask.REMINDERS_DUE_SOON]: reminders,
  };
  return Object.fromEntries(Object.entries(tasks).map(([name, task]) => [name, ((payload, helpers) => inBackground(`job ${name}`, () => task!(payload, helpers))) as Task]));
}
