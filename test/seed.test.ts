// The seed (src/seed/seed.ts) on a real database booted by the harness without seeding; the
// tests call seed() themselves. Embedded PGlite by default, PostgreSQL with TEST_DATABASE_URL.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/database.js';
import { computeDeadline } from '../src/modules/calendar/deadline.js';
import { WorkCalendar } from '../src/modules/calendar/work-calendar.js';
import { bundledCalendar } from '../src/modules/calendar/work-calendar.service.js';
import { seed } from '../src/seed/seed.js';
import { localDay } from '../src/time.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';

const TZ = 'Asia/Shanghai';
// Pinned so sample dates (now − N days) and their deadlines are the same on every run.
const NOW = new Date('2026-11-28T12:00:00+08:00');

async function counts(db: Db) {
  const [orgUnits, domains, matters, standards, catalogVersions, releases, revisions, calendarDays, calendarYears, indexCounters] =
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
    ]);
  return { orgUnits, domains, matters, standards, catalogVersions, releases, revisions, calendarDays, calendarYears, indexCounters };
}

async function lastUpdates(db: Db) {
  const [domain, matter, release, orgUnit, counters] = await Promise.all([
    db.domain.aggregate({ _max: { updatedAt: true } }),
    db.matter.aggregate({ _max: { updatedAt: true } }),
    db.release.aggregate({ _max: { updatedAt: true } }),
    db.orgUnit.aggregate({ _max: { updatedAt: true } }),
    db.indexNoCounter.findMany({ orderBy: [{ orgUnitId: 'asc' }, { year: 'asc' }] }),
  ]);
  return {
    domain: domain._max.updatedAt,
    matter: matter._max.updatedAt,
    release: release._max.updatedAt,
    orgUnit: orgUnit._max.updatedAt,
    counters,
  };
}

describe(`seed on ${databaseLabel}`, () => {
  let dev: TestService;
  let prod: TestService;
  let db: Db;

  beforeAll(async () => {
    dev = await startTestService({ seed: false });
    db = dev.service.db.prisma;
    expect((await counts(db)).domains).toBe(0);
    await seed(db, { production: false, timeZone: TZ, now: NOW });
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
    await seed(db, { production: false, timeZone: TZ, now: NOW });
    expect(await counts(db)).toEqual(before);
    expect(await lastUpdates(db)).toEqual(updatesBefore);
    // A later "now" must not add the samples again either (they are matched by publisher and title).
    await seed(db, { production: false, timeZone: TZ, now: new Date('2026-12-05T12:00:00+08:00') });
    expect(await counts(db)).toEqual(before);
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

  it('in production mode seeds the same reference data and no releases', { timeout: 240_000 }, async () => {
    // Last, after the development database is done with: one service at a time (two embedded
    // databases booting at once in one worker starve each other, and on PostgreSQL a second
    // service's job-queue migration stops the first one's graphile-worker runner).
    const d = await counts(db);
    await dev.stop();
    prod = await startTestService({ seed: false });
    const pdb = prod.service.db.prisma;
    await seed(pdb, { production: true, timeZone: TZ, now: NOW });
    const p = await counts(pdb);
    expect(p.releases).toBe(0);
    expect(p.revisions).toBe(0);
    expect(p.indexCounters).toBe(0);
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
    const files = ['src/seed/data/catalog.ts', 'src/seed/data/catalog.types.ts', 'src/seed/data/org-tree.ts', 'src/seed/data/sample-releases.ts', 'src/seed/data/sample-interpretations.ts', 'src/seed/data/sample-concerns.ts'];
    const tracked = execFileSync('git', ['ls-files', '--', ...files], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.sort()).toEqual([...files].sort());
  });
});
