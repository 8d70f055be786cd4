// The county's own deadlines for 解读 and 回应 (provincial rules differ; each is a setting).
// Defaults: 国办发〔2016〕19号 (解读 within 3 working days of its policy), 国办发〔2016〕61号
// (舆情: 24 h for major emergencies, 48 h otherwise) and the website-message rules of
// reference/openness-domain.md §3 (纠错 3, 建议 7 extendable to 15, 咨询/投诉 15 working days).
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { endOfLocalDay, localDay } from '../../time.js';
import { loadWorkCalendarAround } from './work-calendar.service.js';

export type PublicConcernKind = 'QUESTION' | 'CORRECTION' | 'SUGGESTION' | 'COMPLAINT';

export interface DeadlineRules {
  /** 解读: working days after its policy's first publication. */
  interpretationWorkingDays: number;
  /** 回应: working days after receipt, per kind of concern. */
  concernWorkingDays: Record<PublicConcernKind, number>;
  /** 建议: how far an extension may take the deadline, in working days after receipt. */
  suggestionMaxWorkingDays: number;
  /** 舆情: hours after registration. */
  publicOpinionHours: { major: number; other: number };
  /** Days after a concern is closed until its submitter's personal data is deleted. */
  submitterRetentionDays: number;
  /** Submissions allowed before back-off: per client address, and per channel key (which forwards many citizens). */
  submissionLimits: { perAddress: number; perChannel: number };
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  interpretationWorkingDays: 3,
  concernWorkingDays: { QUESTION: 15, CORRECTION: 3, SUGGESTION: 7, COMPLAINT: 15 },
  suggestionMaxWorkingDays: 15,
  publicOpinionHours: { major: 24, other: 48 },
  submitterRetentionDays: 180,
  submissionLimits: { perAddress: 10, perChannel: 300 },
};

/** The end (23:59:59.999 local) of the `n`th working day after the local day of `from`. */
export async function endOfWorkingDaysAfter(db: Db | Prisma.TransactionClient, from: Date, n: number, timeZone: string): Promise<Date> {
  const day = localDay(from, timeZone);
  const calendar = await loadWorkCalendarAround(db, day, 1, Math.ceil(n * 1.6) + 20);
  return endOfLocalDay(calendar.shiftWorkingDays(day, n), timeZone);
}
