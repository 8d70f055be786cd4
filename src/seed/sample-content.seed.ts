// Sample releases for development and demos (never in production). Idempotent: a release with
// the same title from the same publisher is not created again.
import type { Db } from '../db/database.js';
import { renderBodyOffThread } from '../modules/releases/body-renderer.js';
import { insertDraft, markPublished } from '../modules/releases/release-writes.js';
import { publishInterpretationNow, refreshInterpretationDueAt, startInterpretationClock } from '../modules/interpretations/interpretation-publication.js';
import { addRevision } from '../modules/workflow/editorial-workflow.js';
import { addDays, localDay, localDayTimeToInstant } from '../time.js';
import type { DeadlineRules } from '../modules/calendar/deadline-rules.js';
import { accessCodeOf, hashAccessCode, newTrackingNo } from '../modules/concerns/concern-access.js';
import { concernDueAt } from '../modules/concerns/concern.service.js';
import { sampleConcerns } from './data/sample-concerns.js';
import { sampleInterpretations } from './data/sample-interpretations.js';
import { sampleReleases } from './data/sample-releases.js';

interface SampleRules {
  timeZone: string;
  interpretationWorkingDays: number;
}

export async function seedSampleReleases(db: Db, orgIds: Map<string, string>, rules: SampleRules, now = new Date()): Promise<number> {
  const { timeZone } = rules;
  const matters = new Map((await db.matter.findMany({ select: { id: true, code: true } })).map((m) => [m.code, m.id]));
  const existing = new Set(
    (await db.release.findMany({ select: { title: true, publisherId: true } })).map((r) => `${r.publisherId}|${r.title}`),
  );
  const today = localDay(now, timeZone);
  const at = (daysAgo: number, time: string) => localDayTimeToInstant(addDays(today, -daysAgo), time, timeZone);
  let created = 0;
  // Oldest publication first, so each unit's 索引号 serials follow publication order.
  const ordered = [...sampleReleases].sort((a, b) => (b.publishedDaysAgo ?? -1) - (a.publishedDaysAgo ?? -1));
  for (const sample of ordered) {
    const publisherId = orgIds.get(sample.publisherKey);
    const matterId = matters.get(sample.matterCode);
    if (!publisherId || !matterId) throw new Error(`seed: sample '${sample.title}' names an unknown org or matter`);
    if (existing.has(`${publisherId}|${sample.title}`)) continue;
    const body = await renderBodyOffThread(sample.bodyHtml, null);
    if (!body) throw new Error(`seed: the body of '${sample.title}' is too long`);
    await db.$transaction(async (tx) => {
      const draft = await insertDraft(
        tx,
        {
          matterId,
          publisherId,
          title: sample.title,
          docNo: sample.docNo ?? null,
          stage: sample.stage,
          topic: sample.topic,
          genre: sample.genre ?? null,
          keywords: sample.keywords,
          bodyHtml: sample.bodyHtml,
          targetChannels: sample.targetChannels,
          formedAt: at(sample.formedDaysAgo, '09:00:00.000'),
          issuedAt: sample.docNo ? new Date(`${addDays(today, -sample.formedDaysAgo)}T00:00:00.000Z`) : null,
        },
        body,
        null,
        timeZone,
        at(sample.formedDaysAgo, '09:30:00.000'),
      );
      if (sample.publishedDaysAgo !== undefined) {
        const publishedAt = at(sample.publishedDaysAgo, '10:00:00.000');
        await startInterpretationClock(tx, await markPublished(tx, draft.id, publishedAt, null, timeZone), publishedAt, rules);
      }
    });
    created++;
  }
  return created;
}

/** Sample interpretations, published the given number of days after their policies. Idempotent by title. */
export async function seedSampleInterpretations(db: Db): Promise<number> {
  const existing = new Set((await db.interpretation.findMany({ select: { title: true } })).map((i) => i.title));
  let created = 0;
  for (const sample of sampleInterpretations) {
    if (existing.has(sample.title)) continue;
    const policy = await db.release.findFirst({ where: { title: sample.policyTitle }, select: { id: true, publisherId: true, firstPublishedAt: true, interpretationDueAt: true, targetChannels: true } });
    if (!policy?.firstPublishedAt || !policy.interpretationDueAt) throw new Error(`seed: interpretation '${sample.title}' names an unknown or unpublished policy, or one needing no interpretation`);
    const body = await renderBodyOffThread(sample.bodyHtml, null);
    if (!body) throw new Error(`seed: the body of '${sample.title}' is too long`);
    const publishedAt = new Date(sample.timing === 'ON_TIME' ? policy.firstPublishedAt.getTime() + 3_600_000 : policy.interpretationDueAt.getTime() + 86_400_000);
    await db.$transaction(async (tx) => {
      const interpretation = await tx.interpretation.create({
        data: {
          title: sample.title,
          form: sample.form,
          interpreterName: sample.interpreterName,
          interpretingOrgId: policy.publisherId,
          status: 'APPROVED',
          ...body,
          targetChannels: policy.targetChannels,
          policies: { create: [{ releaseId: policy.id }] },
        },
        select: { id: true },
      });
      await refreshInterpretationDueAt(tx, interpretation.id);
      await addRevision(tx, 'Interpretation', interpretation.id, 'MAJOR', '创建草稿', null);
      await publishInterpretationNow(tx, {}, { id: interpretation.id, status: 'APPROVED', ownerId: policy.publisherId }, null, publishedAt);
    });
    created++;
  }
  return created;
}

/**
 * Sample concerns with their answers. Idempotent by subject. With `accessKey` (the server's)
 * each gets an access code (never printed: staff can see the tracking numbers, not the codes).
 */
export async function seedSampleConcerns(
  db: Db,
  orgIds: Map<string, string>,
  rules: { timeZone: string; deadlines: DeadlineRules },
  accessKey: Buffer | undefined,
  now = new Date(),
): Promise<number> {
  const existing = new Set((await db.concern.findMany({ select: { subject: true } })).map((c) => c.subject));
  const matters = new Map((await db.matter.findMany({ select: { id: true, code: true } })).map((m) => [m.code, m.id]));
  let created = 0;
  for (const sample of sampleConcerns) {
    if (existing.has(sample.subject)) continue;
    const orgUnitId = orgIds.get(sample.orgKey);
    if (!orgUnitId) throw new Error(`seed: concern '${sample.subject}' names an unknown org`);
    const release = sample.releaseTitle ? await db.release.findFirst({ where: { title: sample.releaseTitle }, select: { id: true, matterId: true } }) : null;
    if (sample.releaseTitle && !release) throw new Error(`seed: concern '${sample.subject}' names an unknown release`);
    const receivedAt = new Date(now.getTime() - sample.receivedDaysAgo * 86_400_000 - 3_600_000);
    const answer = sample.answer ? await renderBodyOffThread(sample.answer.bodyHtml, null) : null;
    await db.$transaction(async (tx) => {
      const dueAt = await concernDueAt(tx, sample.kind, sample.major ?? false, receivedAt, rules.deadlines, rules.timeZone);
      const answeredAt = sample.answer && (sample.state === 'ANSWERED' || sample.state === 'CLOSED') ? new Date(receivedAt.getTime() + sample.answer.daysAfterReceipt * 86_400_000) : null;
      const concern = await tx.concern.create({
        data: {
          trackingNo: newTrackingNo(localDay(receivedAt, rules.timeZone)),
          kind: sample.kind,
          major: sample.major ?? false,
          status: sample.state,
          orgUnitId,
          matterId: sample.matterCode ? (matters.get(sample.matterCode) ?? null) : (release?.matterId ?? null),
          releaseId: release?.id ?? null,
          channel: sample.kind === 'PUBLIC_OPINION' ? null : 'WEBSITE',
          subject: sample.subject,
          content: sample.content,
          publicConsent: sample.publicConsent,
          receivedAt,
          clockStartedAt: receivedAt,
          dueAt,
          answeredAt,
          answeredOnTime: answeredAt ? answeredAt <= dueAt : null,
          closedAt: sample.state === 'CLOSED' && answeredAt ? new Date(answeredAt.getTime() + 86_400_000) : null,
          ...(sample.contact ? { submitter: { create: { requesterType: 'NATURAL_PERSON', name: sample.contact.name, phone: sample.contact.phone ?? null, email: sample.contact.email ?? null } } } : {}),
        },
        select: { id: true },
      });
      if (accessKey && sample.contact) {
        await tx.concern.update({ where: { id: concern.id }, data: { accessCodeHash: hashAccessCode(accessCodeOf(accessKey, concern.id)) }, select: { id: true } });
      }
      if (sample.answer && answer) {
        const response = await tx.response.create({
          data: {
            concernId: concern.id,
            orgUnitId,
            status: answeredAt ? 'PUBLISHED' : 'DRAFT',
            bodyHtml: answer.bodyHtml,
            bodyText: answer.bodyText,
            justified: sample.answer.justified ?? null,
            correctedReleaseId: sample.answer.correctsRelease ? (release?.id ?? null) : null,
            publishedAt: answeredAt,
            firstPublishedAt: answeredAt,
          },
          select: { id: true },
        });
        await addRevision(tx, 'Response', response.id, 'MAJOR', answeredAt ? '发布' : '创建草稿', null);
      }
    });
    created++;
  }
  return created;
}
