// The seed: reference data always; sample content only outside production.
import { DEFAULT_DEMO_PASSWORD } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { seedReferenceData } from './reference-data.seed.js';
import { seedDemoAccounts } from './demo-accounts.seed.js';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from '../modules/calendar/deadline-rules.js';
import { seedSampleConcerns, seedSampleInterpretations, seedSampleReleases } from './sample-content.seed.js';
import { seedSampleChannelClients, seedSampleRequests } from './sample-requests.seed.js';

/** Advisory lock key held while seeding (any constant distinct from the migration lock). */
export const SEED_LOCK_KEY = 72707370;

export interface SeedOptions {
  production: boolean;
  timeZone: string;
  /** Password of the demo accounts (outside production); default DEFAULT_DEMO_PASSWORD. */
  demoPassword?: string;
  logger?: Logger;
  /** "Now" for sample content dates (tests pin it). */
  now?: Date;
  /** The county's deadlines for the sample interpretations and concerns; default DEFAULT_DEADLINE_RULES. */
  deadlines?: DeadlineRules;
  /** Key of concern access codes (the server's); without it sample concerns cannot be followed by code. */
  accessKey?: Buffer;
}

export async function seed(db: Db, options: SeedOptions): Promise<void> {
  const { orgIds, created } = await seedReferenceData(db);
  options.logger?.info({ created }, 'seed: reference data');
  if (options.production) return;
  const deadlines = options.deadlines ?? DEFAULT_DEADLINE_RULES;
  const releases = await seedSampleReleases(db, orgIds, { timeZone: options.timeZone, interpretationWorkingDays: deadlines.interpretationWorkingDays }, options.now);
  const interpretations = await seedSampleInterpretations(db);
  const concerns = await seedSampleConcerns(db, orgIds, { timeZone: options.timeZone, deadlines }, options.accessKey, options.now);
  const requests = await seedSampleRequests(db, orgIds, options.timeZone, options.accessKey, options.now);
  const channelClients = await seedSampleChannelClients(db, orgIds, options.now);
  const accounts = await seedDemoAccounts(db, orgIds, options.demoPassword ?? DEFAULT_DEMO_PASSWORD);
  options.logger?.info({ created: { releases, interpretations, concerns, requests, channelClients, accounts } }, 'seed: sample content and demo accounts');
}

/** True when the database holds no catalog yet (first start of an empty database). */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.domain.count()) === 0;
}
