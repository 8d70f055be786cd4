// The seed (src/seed/seed.ts) on a real database booted by the harness without seeding; the
// tests call seed() themselves. Embedded PGlite by default, PostgreSQL with TEST_DATABASE_URL.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import type { Db } from '../src/db/database.js';
import { assess } from '../src/modules/assessment/assessment.service.js';
import { computeDeadline } from '../src/modules/calendar/deadline.js';
import { WorkCalendar } from '../src/modules/calendar/work-calendar.js';
import { bundledCalendar } from '../src/modules/calendar/work-calendar.service.js';
import { accessCodeKey, accessCodeOf, hashAccessCode, TRACKING_NO } from '../src/modules/concerns/concern-access.js';
import { OUTCOME_FAMILIES, REQUEST_ROWS, REQUESTER_COLUMNS } from '../src/modules/reports/annual-report.layout.js';
import { buildAnnualReport, type AnnualReport } from '../src/modules/reports/annual-report.service.js';
import { validCreditCode, validResidentId } from '../src/modules/requests/identity-documents.js';
import { requestClock } from '../src/modules/requests/request-clock.js';
import { sampleRequests } from '../src/seed/data/sample-requests.js';
import { SAMPLE_NEW_MEDIA_CLIENTS } from '../src/seed/sample-requests.seed.js';
import { seed } from '../src/seed/seed.js';
import { localDay, localDayTimeToInstant } from '../src/time.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';

const TZ = 'Asia/Shanghai';
// Pinned so sample dates (now − N days) and their deadlines are the same on every run.
const NOW = new Date('2026-11-28T12:00:00+08:00');
// The server's access-code key (any key: the test checks the stored hashes against it).
const ACCESS_KEY = accessCodeKey(Buffer.from('seed-test-secret-0123456789abcdefghijklmnop'));
const SEED_OPTIONS = { production: false, timeZone: TZ, now: NOW, accessKey: ACCESS_KEY };

async function counts(db: Db) {
  const [orgUnits, domains, matters, standards, catalogVersions, releases, revisions, calendarDays, calendarYears, indexCounters, concerns, requests, clockEvents, responses, appeals, channelClients, submitters] =
    await Promise.all([
      db.orgUnit.count(),
      db.domain.count(),
      db.matter.count(),
      db.standard.count(),
      db.catalogVersion.count(),
      db.release.count(),
      db.revision.count(),
      db.workCalendarDay.count(),
      db.workCalendarYear.count(),
      db.indexNoCounter.count(),
      db.concern.count(),
      db.concern.count({ where: { kind: 'DISCLOSURE_REQUEST' } }),
      db.concernClockEvent.count(),
      db.response.count(),
      db.disclosureAppeal.count(),
      db.channelClient.count(),
      // The retention job may delete a closed request's submitter meanwhile: count those too.
      db.concern.count({ where: { OR: [{ submitter: { isNot: null } }, { submitterPurgedAt: { not: null } }] } }),
    ]);
  return { orgUnits, domains, matters, standards, catalogVersions, releases, revisions, calendarDays, calendarYears, indexCounters, concerns, requests, clockEvents, responses, appeals, channelClients, submitters };
}

async function lastUpdates(db: Db) {
  const [domain, matter, release, orgUnit, counters, concern, appeal, channelClient] = await Promise.all([
    db.domain.aggregate({ _max: { updatedAt: true } }),
    db.matter.aggregate({ _max: { updatedAt: true } }),
    db.release.aggregate({ _max: { updatedAt: true } }),
    db.orgUnit.aggregate({ _max: { updatedAt: true } }),
    db.indexNoCounter.findMany({ orderBy: [{ orgUnitId: 'asc' }, { year: 'asc' }] }),
    db.concern.aggregate({ where: { kind: 'DISCLOSURE_REQUEST' }, _max: { updatedAt: true } }),
    db.disclosureAppeal.aggregate({ _max: { updatedAt: true } }),
    db.channelClient.aggregate({ _max: { updatedAt: true } }),
  ]);
  return {
    domain: domain._max.updatedAt,
    matter: matter._max.updatedAt,
    release: release._max.updatedAt,
    orgUnit: orgUnit._max.updatedAt,
    counters,
    request: concern._max.updatedAt,
    appeal: appeal._max.updatedAt,
    channelClient: channelClient._max.updatedAt,
  };
}

describe(`seed on ${databaseLabel}`, () => {
  let dev: TestService;
  let prod: TestService;
  let db: Db;
  let seedMs = 0;

  beforeAll(async () => {
    dev = await startTestService({ seed: false });
    db = dev.service.db.prisma;
    expect((await counts(db)).domains).toBe(0);
    const started = Date.now();
    await seed(db, SEED_OPTIONS);
    seedMs = Date.now() - started;
  });

  afterAll(async () => {
    // Stop both even when one fails; then report the failure.
    const stopped = await Promise.allSettled([dev?.stop(), prod?.stop()]);
    const failed = stopped.flatMap((r, i) => (r.status === 'rejected' ? [`${i === 0 ? 'dev' : 'prod'} service: ${String(r.reason)}`] : []));
    if (failed.length > 0) throw new Error(failed.join('; '));
  });

  it('seeds the reference data and the sample releases', async () => {
    const c = await counts(db);
    expect(c.domains).toBe(8);
    expect(c.catalogVersions).toBe(1);
    expect(c.orgUnits).toBeGreaterThan(20);
    expect(c.matters).toBeGreaterThan(c.standards);
    expect(c.standards).toBeGreaterThan(30);
    expect(c.releases).toBeGreaterThan(30);
    expect(c.revisions).toBeGreaterThanOrEqual(c.releases);
  });

  it('changes nothing when run a second time', async () => {
    const before = await counts(db);
    const updatesBefore = await lastUpdates(db);
    const reportsBefore = await Promise.all([2025, 2026].map((y) => countyReport(y)));
    await seed(db, SEED_OPTIONS);
    expect(await counts(db)).toEqual(before);
    expect(await lastUpdates(db)).toEqual(updatesBefore);
    // A later "now" must not add the samples again either (releases are matched by publisher and
    // title, concerns and requests by subject, channel clients by name).
    await seed(db, { ...SEED_OPTIONS, now: new Date('2026-12-05T12:00:00+08:00') });
    expect(await counts(db)).toEqual(before);
    expect(await lastUpdates(db)).toEqual(updatesBefore);
    const strip = (r: AnnualReport) => ({ ...r, generatedAt: null });
    expect((await Promise.all([2025, 2026].map((y) => countyReport(y)))).map(strip)).toEqual(reportsBefore.map(strip));
  });

  it('loads the whole bundled calendar: every year from 2004 to the last one chinese-days ships', async () => {
    const bundled = bundledCalendar();
    const last = Math.max(...bundled.years);
    expect(last).toBeGreaterThanOrEqual(2026);
    const years = (await db.workCalendarYear.findMany({ orderBy: { year: 'asc' } })).map((y) => y.year);
    expect(years).toEqual(Array.from({ length: last - 2004 + 1 }, (_, i) => 2004 + i));
    expect(await db.workCalendarDay.count()).toBe(bundled.days.length);
    const { rows } = await dev.service.db.pool.query<{ y: number; n: number }>(
      `SELECT extract(year FROM date)::int AS y, count(*)::int AS n FROM "WorkCalendarDay" GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.y)).toEqual(years);
    expect(rows.every((r) => r.n >= 5)).toBe(true);
    const day = (d: string) => db.workCalendarDay.findUnique({ where: { date: new Date(`${d}T00:00:00Z`) } });
    expect((await day('2026-10-01'))?.kind).toBe('HOLIDAY');
    expect((await day('2026-10-10'))?.kind).toBe('MAKEUP_WORKDAY');
    expect(await day('2026-10-08')).toBeNull();
  });

  it('gives published samples index numbers unique per publisher, with serials 1..n per year in publication order', async () => {
    const published = await db.release.findMany({
      where: { status: 'PUBLISHED' },
      select: { id: true, indexNo: true, indexYear: true, indexSerial: true, firstPublishedAt: true, publisher: { select: { id: true, code: true } } },
    });
    expect(published.length).toBeGreaterThan(20);
    const byPublisherYear = new Map<string, typeof published>();
    const seen = new Set<string>();
    for (const r of published) {
      expect(r.indexNo, r.id).not.toBeNull();
      expect(r.firstPublishedAt, r.id).not.toBeNull();
      const key = `${r.publisher.id}|${r.indexNo}`;
      expect(seen.has(key), r.indexNo!).toBe(false);
      seen.add(key);
      // <机构代码>/<YYYYMM of first publication, county time>-<5-digit serial>
      const day = localDay(r.firstPublishedAt!, TZ);
      expect(r.indexNo).toBe(`${r.publisher.code}/${day.slice(0, 4)}${day.slice(5, 7)}-${String(r.indexSerial).padStart(5, '0')}`);
      expect(r.indexYear).toBe(Number(day.slice(0, 4)));
      const group = `${r.publisher.id}|${r.indexYear}`;
      byPublisherYear.set(group, [...(byPublisherYear.get(group) ?? []), r]);
    }
    expect(new Set(published.map((r) => r.indexNo)).size).toBe(published.length);
    // Some publisher publishes more than once a year, and the samples span two years.
    expect([...byPublisherYear.values()].some((g) => g.length >= 3)).toBe(true);
    expect(new Set(published.map((r) => r.indexYear)).size).toBeGreaterThanOrEqual(2);

    const counters = await db.indexNoCounter.findMany();
    for (const [group, releases] of byPublisherYear) {
      const bySerial = [...releases].sort((a, b) => a.indexSerial! - b.indexSerial!);
      expect(
        bySerial.map((r) => r.indexSerial),
        group,
      ).toEqual(bySerial.map((_, i) => i + 1));
      for (let i = 1; i < bySerial.length; i++) {
        expect(bySerial[i]!.firstPublishedAt!.getTime(), group).toBeGreaterThanOrEqual(bySerial[i - 1]!.firstPublishedAt!.getTime());
      }
      const [orgUnitId, year] = group.split('|');
      expect(counters.find((c) => c.orgUnitId === orgUnitId && c.year === Number(year))?.lastSerial, group).toBe(releases.length);
    }
    expect(counters).toHaveLength(byPublisherYear.size);
  });

  it('has drafts and published releases at two or more townships and two or more departments', async () => {
    const units = await db.orgUnit.findMany({
      where: { kind: { in: ['TOWNSHIP', 'DEPARTMENT'] } },
      select: { kind: true, name: true, releases: { select: { status: true } } },
    });
    const withBoth = (kind: string) =>
      units.filter(
        (u) =>
          u.kind === kind &&
          u.releases.some((r) => r.status === 'DRAFT') &&
          u.releases.some((r) => r.status === 'PUBLISHED'),
      );
    expect(withBoth('TOWNSHIP').length).toBeGreaterThanOrEqual(2);
    expect(withBoth('DEPARTMENT').length).toBeGreaterThanOrEqual(2);
    // Drafts carry no index number and no publication time.
    const drafts = await db.release.findMany({ where: { status: 'DRAFT' }, select: { indexNo: true, publishedAt: true, firstPublishedAt: true } });
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.indexNo === null && d.publishedAt === null && d.firstPublishedAt === null)).toBe(true);
  });

  it('records publishedOnTime === (firstPublishedAt <= dueAt) for every release with a deadline', async () => {
    const releases = await db.release.findMany({
      where: { dueAt: { not: null }, firstPublishedAt: { not: null } },
      select: { id: true, dueAt: true, firstPublishedAt: true, publishedOnTime: true },
    });
    expect(releases.length).toBeGreaterThan(10);
    for (const r of releases) {
      expect(r.publishedOnTime, r.id).toBe(r.firstPublishedAt!.getTime() <= r.dueAt!.getTime());
    }
    // The samples show both outcomes.
    expect(releases.some((r) => r.publishedOnTime === true)).toBe(true);
    expect(releases.some((r) => r.publishedOnTime === false)).toBe(true);
    // Unpublished releases have no verdict yet.
    expect(await db.release.count({ where: { firstPublishedAt: null, publishedOnTime: { not: null } } })).toBe(0);
  });

  it("computes each sample's dueAt from its standard and the full statutory calendar", async () => {
    const bundled = bundledCalendar();
    const calendar = new WorkCalendar(new Map(bundled.days.map((d) => [d.date, d.kind])), new Set(bundled.years));
    const releases = await db.release.findMany({
      where: { formedAt: { not: null } },
      select: {
        id: true,
        formedAt: true,
        dueAt: true,
        matter: { select: { standards: { select: { timeLimitAmount: true, timeLimitUnit: true, timeLimitBefore: true } } } },
      },
    });
    expect(releases.length).toBeGreaterThan(30);
    for (const r of releases) {
      const s = r.matter.standards[0];
      if (!s) {
        expect(r.dueAt, r.id).toBeNull();
        continue;
      }
      const expected = computeDeadline({ amount: s.timeLimitAmount, unit: s.timeLimitUnit, before: s.timeLimitBefore }, r.formedAt!, calendar, TZ);
      expect(r.dueAt?.toISOString(), r.id).toBe(expected.dueAt.toISOString());
    }
  });

  // ---- sample 依申请公开 requests, appeals and the 年报 ----------------------------------------

  async function countyReport(year: number): Promise<AnnualReport> {
    const county = await db.orgUnit.findFirstOrThrow({ where: { parentId: null }, select: { id: true, code: true, name: true, path: true } });
    return buildAnnualReport(db, county, year, TZ, NOW);
  }

  const total = (r: AnnualReport, code: string) => r.requestRows.find((x) => x.code === code)!.total;

  it('seeds disclosure requests quickly, in every state, outcome, requester type and receipt method', async () => {
    expect(seedMs).toBeLessThan(30_000);
    const requests = await db.concern.findMany({
      where: { kind: 'DISCLOSURE_REQUEST' },
      select: {
        id: true, trackingNo: true, accessCodeHash: true, status: true, orgUnitId: true, receivedAt: true, clockStartedAt: true, dueAt: true, correctionDueAt: true,
        extensionDays: true, answeredAt: true, answeredOnTime: true, concludedAt: true, closedAt: true, outcome: true, outcomeDetail: true, requesterType: true, receiptMethod: true,
        submitter: true, submitterPurgedAt: true,
        responses: { select: { status: true, outcome: true, outcomeDetail: true, publishedAt: true } },
      },
    });
    expect(requests).toHaveLength(sampleRequests.length);
    expect(new Set(requests.map((r) => r.orgUnitId)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['RECEIVED', 'IN_PROGRESS', 'AWAITING_CORRECTION', 'THIRD_PARTY_CONSULTATION', 'ANSWERED', 'CLOSED', 'ABANDONED']));
    expect(new Set(requests.map((r) => r.requesterType))).toEqual(new Set(REQUESTER_COLUMNS.map((c) => c.type)));
    expect(new Set(requests.map((r) => r.receiptMethod))).toEqual(new Set(['IN_PERSON', 'POST', 'LETTER', 'ONLINE', 'FAX']));
    // every outcome and every detail of its family
    const results = new Set(requests.filter((r) => r.concludedAt).map((r) => (r.outcomeDetail ? `${r.outcome}.${r.outcomeDetail}` : r.outcome)));
    const expected = ['DISCLOSED', 'PARTIALLY_DISCLOSED', ...OUTCOME_FAMILIES.flatMap((f) => f.details.map(([d]) => `${f.outcome}.${d}`))];
    expect([...results].sort()).toEqual(expected.sort());

    for (const r of requests) {
      expect(r.trackingNo, r.id).toMatch(TRACKING_NO);
      expect(r.accessCodeHash, r.id).toBe(hashAccessCode(accessCodeOf(ACCESS_KEY, r.id)));
      // personal data, unless the retention job has deleted it since
      if (r.submitter) {
        expect(r.submitter.requesterType).toBe(r.requesterType);
        expect(r.submitter.phone, r.id).toMatch(/^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/);
        if (r.requesterType === 'NATURAL_PERSON') {
          expect(r.submitter.idDocumentType).toBe('RESIDENT_ID');
          expect(validResidentId(r.submitter.idDocumentNo!), r.submitter.idDocumentNo!).toBe(true);
        } else {
          expect(r.submitter.idDocumentType).toBe('CREDIT_CODE');
          expect(validCreditCode(r.submitter.idDocumentNo!), r.submitter.idDocumentNo!).toBe(true);
        }
      } else {
        expect(r.submitterPurgedAt, r.id).not.toBeNull();
      }
      expect(r.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      const published = r.responses.filter((x) => x.status === 'PUBLISHED');
      switch (r.status) {
        case 'ANSWERED':
        case 'CLOSED':
          expect(published, r.id).toHaveLength(1);
          expect(published[0]!.outcome).toBe(r.outcome);
          expect(published[0]!.outcomeDetail).toBe(r.outcomeDetail);
          expect(r.answeredAt).toEqual(published[0]!.publishedAt);
          expect(r.concludedAt).toEqual(r.answeredAt);
          expect(r.answeredOnTime).toBe(r.answeredAt! <= r.dueAt!);
          expect(r.closedAt === null).toBe(r.status === 'ANSWERED');
          break;
        case 'ABANDONED':
          expect(published).toHaveLength(0);
          expect([r.outcome, r.outcomeDetail]).toEqual(['OTHER', 'CORRECTION_NOT_SUPPLIED']);
          expect(r.concludedAt).toEqual(r.correctionDueAt);
          expect(r.dueAt).toBeNull();
          break;
        default:
          expect(published, r.id).toHaveLength(0);
          expect([r.concludedAt, r.outcome, r.answeredAt], r.id).toEqual([null, null, null]);
          expect(r.status === 'IN_PROGRESS', r.id).toBe(r.responses.some((x) => x.status === 'DRAFT'));
      }
      if (r.status === 'AWAITING_CORRECTION') {
        expect(r.dueAt).toBeNull();
        expect(r.correctionDueAt!.getTime()).toBeGreaterThan(NOW.getTime());
      }
    }
    // not yet confirmed: no clock at all
    const unconfirmed = requests.filter((r) => r.clockStartedAt === null);
    expect(unconfirmed.length).toBeGreaterThanOrEqual(2);
    expect(unconfirmed.every((r) => r.status === 'RECEIVED' && r.dueAt === null && r.receiptMethod !== 'IN_PERSON' && r.receiptMethod !== 'POST')).toBe(true);
    // some extended, some answered late, one still open past its time limit
    expect(requests.filter((r) => r.extensionDays > 0).length).toBeGreaterThanOrEqual(3);
    expect(requests.filter((r) => r.answeredOnTime === false).length).toBeGreaterThanOrEqual(3);
    expect(requests.some((r) => r.concludedAt === null && r.dueAt && r.dueAt < NOW)).toBe(true);
    expect(requests.some((r) => r.concludedAt === null && r.dueAt && r.dueAt > NOW && r.extensionDays > 0)).toBe(true);
  });

  it("stores the dueAt and correctionDueAt that requestClock derives from each request's events", async () => {
    const bundled = bundledCalendar();
    const calendar = new WorkCalendar(new Map(bundled.days.map((d) => [d.date, d.kind])), new Set(bundled.years));
    const requests = await db.concern.findMany({
      where: { kind: 'DISCLOSURE_REQUEST' },
      select: { id: true, status: true, clockStartedAt: true, dueAt: true, correctionDueAt: true, extensionDays: true, clockEvents: { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] } },
    });
    const end = (day: string | null) => (day ? localDayTimeToInstant(day, '23:59:59.999', TZ).toISOString() : null);
    const kinds = new Set<string>();
    for (const r of requests) {
      const clock = requestClock(r.clockEvents, calendar, TZ);
      expect(r.dueAt?.toISOString() ?? null, r.id).toBe(end(clock.dueDay));
      expect(r.correctionDueAt?.toISOString() ?? null, r.id).toBe(end(clock.correctionDueDay));
      expect(r.extensionDays, r.id).toBe(clock.extensionDays);
      expect(r.clockStartedAt, r.id).toEqual(r.clockEvents.find((e) => e.kind === 'START')?.at ?? null);
      const phase = { NOT_STARTED: ['RECEIVED'], RUNNING: ['RECEIVED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED'], AWAITING_CORRECTION: ['AWAITING_CORRECTION'], THIRD_PARTY: ['THIRD_PARTY_CONSULTATION'], ABANDONED: ['ABANDONED'] }[clock.phase];
      expect(phase, r.id).toContain(r.status);
      for (const e of r.clockEvents) {
        kinds.add(e.kind);
        if (e.kind === 'EXTEND') expect(e.approver && e.workingDays! > 0 && e.workingDays! <= 20, r.id).toBeTruthy();
        if (e.kind === 'PAUSE_FOR_CORRECTION') expect(e.workingDays, r.id).toBeGreaterThan(0);
        expect(e.at.getTime(), r.id).toBeLessThanOrEqual(NOW.getTime());
      }
    }
    expect([...kinds].sort()).toEqual(['ABANDON', 'CORRECTED', 'EXTEND', 'PAUSE_FOR_CORRECTION', 'PAUSE_FOR_THIRD_PARTY', 'RESUME', 'START']);
  });

  it('gives the 2025 and 2026 annual reports of the county real numbers whose totals add up', async () => {
    const reports = await Promise.all([2025, 2026].map((y) => countyReport(y)));
    for (const r of reports) {
      expect(total(r, 'RECEIVED'), `${r.year}`).toBeGreaterThan(15);
      expect(total(r, 'CONCLUDED'), `${r.year}`).toBeGreaterThan(15);
      // several result rows (the sub-rows and the two without sub-rows) carry numbers
      const leaves = REQUEST_ROWS.filter((d) => d.level === 2 || d.code === 'DISCLOSED' || d.code === 'PARTIALLY_DISCLOSED');
      expect(leaves.filter((d) => total(r, d.code) > 0).length, `${r.year}`).toBeGreaterThanOrEqual(8);
      for (const family of ['DISCLOSED', 'PARTIALLY_DISCLOSED', 'NOT_DISCLOSED', 'UNABLE_TO_PROVIDE', 'NOT_PROCESSED', 'OTHER']) expect(total(r, family), `${r.year} ${family}`).toBeGreaterThan(0);
      expect(r.reclassified).toBe(0);
      for (const row of r.requestRows) {
        // parents are the sums of their sub-rows, column by column
        const children = r.requestRows.filter((c) => c.parentCode === row.code);
        for (const col of REQUESTER_COLUMNS) {
          if (children.length > 0) expect(row.counts[col.field], `${r.year} ${row.code} ${col.field}`).toBe(children.reduce((a, c) => a + c.counts[col.field], 0));
        }
        expect(row.total).toBe(Object.values(row.counts).reduce((a, b) => a + b, 0));
      }
      // 一 + 二 = 三（七） + 四 in every column
      for (const col of REQUESTER_COLUMNS) {
        const cell = (code: string) => r.requestRows.find((x) => x.code === code)!.counts[col.field];
        expect(cell('RECEIVED') + cell('CARRIED_IN'), `${r.year} ${col.field}`).toBe(cell('CONCLUDED') + cell('CARRIED_OUT'));
      }
    }
    const [y2025, y2026] = reports as [AnnualReport, AnnualReport];
    // 第二部分: the sample 行政许可 results (Matter.reportItem) are all from 2026
    expect(y2026.decisions.find((d) => d.item === 'ADMINISTRATIVE_LICENSE')!.decisions).toBeGreaterThanOrEqual(3);
    // requests received late in 2025 were concluded in 2026
    expect(total(y2025, 'CARRIED_OUT')).toBeGreaterThanOrEqual(3);
    expect(total(y2026, 'CARRIED_IN')).toBe(total(y2025, 'CARRIED_OUT'));
    // the requests still open at the seed's "now" are carried out of 2026
    expect(total(y2026, 'CARRIED_OUT')).toBe(await db.concern.count({ where: { kind: 'DISCLOSURE_REQUEST', concludedAt: null } }));
    // the counts are the rows: every request is received in one of the two years
    expect(total(y2025, 'RECEIVED') + total(y2026, 'RECEIVED')).toBe(sampleRequests.length);
  });

  it('counts the appeals (行政复议, 行政诉讼 direct and after 复议) of both years by result', async () => {
    const appeals = await db.disclosureAppeal.findMany({ select: { kind: true, afterReconsideration: true, result: true, filedOn: true, decidedOn: true, caseNo: true } });
    expect(new Set(appeals.map((a) => `${a.kind}.${a.result}`))).toEqual(
      new Set(['RECONSIDERATION', 'LITIGATION'].flatMap((k) => ['UPHELD', 'CORRECTED', 'OTHER', 'PENDING'].map((r) => `${k}.${r}`))),
    );
    expect(appeals.some((a) => a.kind === 'LITIGATION' && a.afterReconsideration)).toBe(true);
    expect(appeals.some((a) => a.kind === 'LITIGATION' && !a.afterReconsideration)).toBe(true);
    for (const a of appeals) {
      expect(a.caseNo).toContain(a.filedOn.toISOString().slice(0, 4));
      expect((a.result === 'PENDING') === (a.decidedOn === null), a.caseNo!).toBe(true);
    }
    for (const year of [2025, 2026]) {
      const r = await countyReport(year);
      const filed = appeals.filter((a) => a.filedOn.getUTCFullYear() === year);
      const groups = { reconsideration: filed.filter((a) => a.kind === 'RECONSIDERATION'), directLitigation: filed.filter((a) => a.kind === 'LITIGATION' && !a.afterReconsideration), litigationAfterReconsideration: filed.filter((a) => a.kind === 'LITIGATION' && a.afterReconsideration) };
      for (const [key, list] of Object.entries(groups) as [keyof AnnualReport['appeals'], typeof filed][]) {
        const counted = r.appeals[key];
        expect(counted.total, `${year} ${key}`).toBe(list.length);
        expect(counted.upheld + counted.corrected + counted.other + counted.pending).toBe(counted.total);
        // decided after the year's end: 尚未审结 in that year's report
        expect(counted.pending, `${year} ${key}`).toBe(list.filter((a) => a.result === 'PENDING' || a.decidedOn!.getUTCFullYear() > year).length);
      }
      expect(r.appeals.reconsideration.total + r.appeals.directLitigation.total, `${year}`).toBeGreaterThan(0);
    }
    // one 复议 filed in 2025 was decided in 2026
    expect(appeals.some((a) => a.filedOn.getUTCFullYear() === 2025 && a.decidedOn?.getUTCFullYear() === 2026)).toBe(true);
  });

  it('gives the assessment data: requests on time, recurring catalog matters, and 政务新媒体 accounts fresh and stale', async () => {
    const county = await db.orgUnit.findFirstOrThrow({ where: { parentId: null }, select: { id: true, path: true } });
    const viewer: Viewer = { kind: 'user', userId: '00000000-0000-7000-8000-000000000000', username: 'seed-test', grants: [{ role: 'ADMIN', orgUnitId: county.id, orgPath: county.path }] };
    const result = await assess(db, viewer, { period: { from: '2026-01-01', to: '2026-11-30' }, orgUnitId: null, trendPeriods: 1 }, TZ, NOW);
    const units = new Map(result!.units.map((u) => [u.code, u]));
    const byKey = async (key: string) => units.get((await db.orgUnit.findFirstOrThrow({ where: { name: { contains: key } }, select: { code: true } })).code)!;
    const indicator = (u: { indicators: { indicator: string; numerator: number; denominator: number }[] }, i: string) => u.indicators.find((x) => x.indicator === i)!;
    const requestsMeasured = result!.units.filter((u) => indicator(u, 'REQUESTS_ON_TIME').denominator > 0);
    expect(requestsMeasured.length).toBeGreaterThanOrEqual(5);
    expect(requestsMeasured.some((u) => indicator(u, 'REQUESTS_ON_TIME').numerator < indicator(u, 'REQUESTS_ON_TIME').denominator)).toBe(true);
    expect(result!.units.some((u) => indicator(u, 'CATALOG_COVERAGE').denominator > 0)).toBe(true);
    // 住建局 and 城管局 pushed to NEW_MEDIA within the last two weeks; 自然资源和规划局 did not (单项否决)
    expect(await db.channelClient.count({ where: { kind: 'NEW_MEDIA', active: true } })).toBe(SAMPLE_NEW_MEDIA_CLIENTS.length);
    for (const name of ['住房和城乡建设局', '城市管理局']) {
      const u = await byKey(name);
      expect(indicator(u, 'NEW_MEDIA'), name).toMatchObject({ numerator: 1, denominator: 1 });
      expect(u.vetoed, name).toBe(false);
    }
    const stale = await byKey('自然资源和规划局');
    expect(indicator(stale, 'NEW_MEDIA')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(stale.vetoed).toBe(true);
  });

  it('in production mode seeds the same reference data and no releases', { timeout: 240_000 }, async () => {
    // Last, after the development database is done with: one service at a time (two embedded
    // databases booting at once in one worker starve each other, and on PostgreSQL a second
    // service's job-queue migration stops the first one's graphile-worker runner).
    const d = await counts(db);
    const devCatalog = {
      reportItems: await db.matter.count({ where: { reportItem: { not: null } } }),
      recurrences: await db.standard.count({ where: { recurrence: { not: null } } }),
    };
    await dev.stop();
    prod = await startTestService({ seed: false });
    const pdb = prod.service.db.prisma;
    await seed(pdb, { production: true, timeZone: TZ, now: NOW });
    const p = await counts(pdb);
    expect(p.releases).toBe(0);
    expect(p.revisions).toBe(0);
    expect(p.indexCounters).toBe(0);
    expect(p.concerns).toBe(0);
    expect(p.clockEvents).toBe(0);
    expect(p.appeals).toBe(0);
    expect(p.channelClients).toBe(0);
    // The catalog's own attributes are reference data, the same in production.
    expect(await pdb.matter.count({ where: { reportItem: { not: null } } })).toBe(devCatalog.reportItems);
    expect(await pdb.standard.count({ where: { recurrence: { not: null } } })).toBe(devCatalog.recurrences);
    expect(p).toMatchObject({
      orgUnits: d.orgUnits,
      domains: d.domains,
      matters: d.matters,
      standards: d.standards,
      catalogVersions: d.catalogVersions,
      calendarDays: d.calendarDays,
      calendarYears: d.calendarYears,
    });
    // and a second production seed is a no-op as well
    await seed(pdb, { production: true, timeZone: TZ });
    expect(await counts(pdb)).toEqual(p);
  });
});

// Regression guard: an unanchored `data/` in .gitignore once matched src/seed/data/ too, leaving
// catalog.ts and sample-releases.ts untracked, so a fresh clone (CI) could not import the seed.
describe('the seed data files', () => {
  it('are tracked by git, not ignored', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = ['src/seed/data/catalog.ts', 'src/seed/data/catalog.types.ts', 'src/seed/data/org-tree.ts', 'src/seed/data/sample-releases.ts', 'src/seed/data/sample-interpretations.ts', 'src/seed/data/sample-concerns.ts', 'src/seed/data/sample-requests.ts'];
    const tracked = execFileSync('git', ['ls-files', '--', ...files], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.sort()).toEqual([...files].sort());
  });
});
