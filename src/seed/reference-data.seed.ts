// Reference data seeded in every mode: the org tree, the pilot catalog (version 1) and the
// working-day calendar. Idempotent: rows that exist (by code) are left as they are, so a
// second run changes nothing and never overwrites an administrator's edits.
import type { Db } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { uuidv7 } from '../ids.js';
import { parseTimeLimit } from '../modules/catalog/time-limit.js';
import { seedBundledCalendar } from '../modules/calendar/work-calendar.service.js';
import { childPath } from '../modules/org/org-unit.service.js';
import { catalog } from './data/catalog.js';
import type { SeedMatter } from './data/catalog.types.js';
import { orgTree, type SeedOrgUnit } from './data/org-tree.js';

export const PILOT_CATALOG_VERSION = {
  number: 1,
  title: '明光市基层政务公开标准目录（试点领域）',
  changeNote:
    '首次发布：依据《明光市基层政务公开标准化规范化试点工作实施方案》（明政办秘〔2017〕156号），' +
    '编制征地补偿、拆迁安置、保障性住房、农村危房改造、扶贫救灾、市政服务、公共资源交易、义务教育8个试点领域的公开事项标准目录。',
  effectiveFrom: new Date('2017-11-03T00:00:00.000Z'),
};

export interface SeedResult {
  /** org-tree key → org unit id, for seeds that refer to units by key. */
  orgIds: Map<string, string>;
  created: SeedCounts;
}

export interface SeedCounts {
  orgUnits: number;
  domains: number;
  matters: number;
  standards: number;
  calendarDays: number;
}

/** Creates the org units that do not exist yet; returns org key → id for every seeded unit. */
async function seedOrgTree(db: Db): Promise<{ ids: Map<string, string>; created: number }> {
  const existing = new Map((await db.orgUnit.findMany({ select: { id: true, code: true, path: true } })).map((o) => [o.code, o]));
  const ids = new Map<string, string>();
  const rows: Prisma.OrgUnitCreateManyInput[] = [];
  const visit = (unit: SeedOrgUnit, parent: { id: string; path: string } | null, depth: number, sortOrder: number) => {
    let self = existing.get(unit.code);
    if (!self) {
      const id = uuidv7();
      self = { id, code: unit.code, path: childPath(parent?.path ?? null, id) };
      rows.push({
        id,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName ?? null,
        kind: unit.kind,
        parentId: parent?.id ?? null,
        path: self.path,
        depth,
        sortOrder,
      });
    }
    ids.set(unit.key, self.id);
    (unit.children ?? []).forEach((child, i) => visit(child, self, depth + 1, (i + 1) * 10));
  };
  visit(orgTree, null, 0, 0);
  if (rows.length > 0) await db.orgUnit.createMany({ data: rows });
  return { ids, created: rows.length };
}

async function seedCatalog(db: Db, orgIds: Map<string, string>): Promise<Omit<SeedCounts, 'orgUnits' | 'calendarDays'>> {
  const version =
    (await db.catalogVersion.findUnique({ where: { number: PILOT_CATALOG_VERSION.number } })) ??
    (await db.catalogVersion.create({ data: { ...PILOT_CATALOG_VERSION, status: 'ACTIVE', activatedAt: new Date() } }));

  const domainIds = new Map((await db.domain.findMany({ select: { id: true, code: true } })).map((d) => [d.code, d.id]));
  const matterIds = new Map((await db.matter.findMany({ select: { id: true, code: true } })).map((m) => [m.code, m.id]));
  const withStandard = new Set(
    (await db.standard.findMany({ where: { catalogVersionId: version.id }, select: { matterId: true } })).map((s) => s.matterId),
  );

  const domains: Prisma.DomainCreateManyInput[] = [];
  const matters: Prisma.MatterCreateManyInput[] = [];
  const standards: Prisma.StandardCreateManyInput[] = [];

  catalog.forEach((domain, di) => {
    let domainId = domainIds.get(domain.code);
    if (!domainId) {
      domainId = uuidv7();
      domains.push({ id: domainId, code: domain.code, name: domain.name, description: domain.description, sortOrder: (di + 1) * 10 });
    }
    const visit = (matter: SeedMatter, parentCode: string, parentId: string | null, level: number, sortOrder: number) => {
      const code = `${parentCode}.${matter.code}`;
      let id = matterIds.get(code);
      if (!id) {
        id = uuidv7();
        matters.push({ id, domainId: domainId!, parentId, level, code, name: matter.name, description: matter.description ?? null, reportItem: matter.reportItem ?? null, sortOrder });
      }
      const s = matter.standard;
      if (s && !withStandard.has(id)) {
        const rule = parseTimeLimit(s.timeLimitText);
        if (!rule) throw new Error(`seed: time limit of ${code} cannot be parsed: '${s.timeLimitText}'`);
        const responsibleOrgId = orgIds.get(s.responsibleOrgKey);
        if (!responsibleOrgId) throw new Error(`seed: ${code} names unknown org '${s.responsibleOrgKey}'`);
        standards.push({
          matterId: id,
          catalogVersionId: version.id,
          legalBasis: s.legalBasis as unknown as Prisma.InputJsonValue,
          contentElements: s.contentElements as unknown as Prisma.InputJsonValue,
          responsibleText: s.responsibleText,
          responsibleOrgId,
          timeLimitText: s.timeLimitText,
          timeLimitTrigger: rule.trigger,
          timeLimitAmount: rule.amount,
          timeLimitUnit: rule.unit,
          timeLimitBefore: rule.before,
          displayPeriodAmount: rule.displayPeriod?.amount ?? null,
          displayPeriodUnit: rule.displayPeriod?.unit ?? null,
          requiredChannels: s.requiredChannels,
          optionalChannels: s.optionalChannels,
          audience: s.audience,
          audienceNote: s.audienceNote ?? null,
          mode: s.mode,
          levels: s.levels,
          stages: s.stages,
          requiresInterpretation: s.requiresInterpretation ?? false,
          recurrence: s.recurrence ?? null,
        });
      }
      (matter.children ?? []).forEach((child, i) => visit(child, code, id!, level + 1, (i + 1) * 10));
    };
    domain.matters.forEach((m, i) => visit(m, domain.code, null, 1, (i + 1) * 10));
  });

  await db.$transaction([
    db.domain.createMany({ data: domains }),
    db.matter.createMany({ data: matters }),
    db.standard.createMany({ data: standards }),
  ]);
  return { domains: domains.length, matters: matters.length, standards: standards.length };
}

/** Seeds the org tree, the pilot catalog and the calendar; returns how many rows were created. */
export async function seedReferenceData(db: Db): Promise<SeedResult> {
  const { ids, created } = await seedOrgTree(db);
  const counts = await seedCatalog(db, ids);
  const calendarDays = await seedBundledCalendar(db);
  return { orgIds: ids, created: { orgUnits: created, ...counts, calendarDays } };
}
