// The org tree: materialised paths and tree ordering. Plain functions, no GraphQL.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { OrgUnitKind } from '../../generated/prisma/enums.js';
import { AlreadyExistsError, checkedInput, InputError, NotFoundError } from '../../errors.js';
import { textField } from '../../validation.js';
import { uuidv7 } from '../../ids.js';
import { covers } from '../../permissions/scope.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/** Path of a unit under `parentPath` ("/" for a root): "/<ancestor ids…>/<id>/". */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

interface TreeNode {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

/**
 * Orders units depth-first: each unit is followed by its subtree, siblings by sortOrder then
 * name. Units whose parent is not in the list are treated as roots (a filtered list stays usable).
 */
export function sortInTreeOrder<T extends TreeNode>(units: T[]): T[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, T[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(u);
    byParent.set(key, list);
  }
  const compare = (a: T, b: T) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
  const out: T[] = [];
  const visit = (parentId: string | null) => {
    for (const u of (byParent.get(parentId) ?? []).sort(compare)) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}

// ---- Administration ---------------------------------------------------------------------

/**
 * A code another unit has issued index numbers under cannot be taken: its 索引号 would collide.
 * (A unit may return to a code it used itself: its serials continue.)
 */
async function codeIssuedByOther(tx: Prisma.TransactionClient, code: string, unitId: string | null): Promise<boolean> {
  const release = await tx.release.findFirst({
    where: { indexNo: { startsWith: `${code}/` }, ...(unitId ? { publisherId: { not: unitId } } : {}) },
    select: { id: true },
  });
  return release !== null;
}

/** Org codes end up in every 索引号 before the "/", so they are restricted to safe characters. */
const ORG_CODE = /^[0-9A-Z][0-9A-Z-]{1,31}$/;

function validCode(code: string): string {
  const v = code.trim().toUpperCase();
  if (!ORG_CODE.test(v)) throw new InputError('code', '机构代码须为2–32位大写字母、数字或连字符 — code must be 2–32 of A-Z 0-9 -.');
  return v;
}

export interface OrgUnitInput {
  parentId: string;
  code: string;
  name: string;
  shortName?: string | null;
  kind: OrgUnitKind;
  sortOrder?: number | null;
}

/** Adds a unit under `parentId`; the caller must be an admin of the parent's subtree. */
export async function createOrgUnit(db: Db, viewer: Viewer, actor: AuditActor, input: OrgUnitInput) {
  const { code, name, shortName } = checkedInput((p) => ({
    code: p.check(() => validCode(input.code)),
    name: p.check(() => textField('name', input.name, 200, true)!),
    shortName: p.check(() => textField('shortName', input.shortName, 50)),
  }));
  return db.$transaction(async (tx) => {
    const parent = await tx.orgUnit.findUnique({ where: { id: input.parentId }, select: { id: true, path: true, depth: true, active: true } });
    if (!parent || !covers(viewer, ['ADMIN'], parent.path)) throw new NotFoundError('org unit');
    if (!parent.active) throw new InputError('parentId', '上级机构已撤销 — the parent unit is dissolved.');
    if ((await tx.orgUnit.findUnique({ where: { code }, select: { id: true } })) || (await codeIssuedByOther(tx, code, null))) {
      throw new AlreadyExistsError('code');
    }
    const id = uuidv7();
    const unit = await tx.orgUnit.create({
      data: { id, code, name, shortName, kind: input.kind, parentId: parent.id, path: childPath(parent.path, id), depth: parent.depth + 1, sortOrder: input.sortOrder ?? 0 },
    });
    await recordAudit(tx, actor, { action: 'org_unit.created', entityType: 'OrgUnit', entityId: unit.id, orgUnitId: unit.id, data: { code, name } });
    return unit;
  });
}

export interface OrgUnitChanges {
  id: string;
  code?: string | null;
  name?: string | null;
  shortName?: string | null;
  sortOrder?: number | null;
  active?: boolean | null;
  singlePersonReview?: boolean | null;
}

/** Renames, re-codes, reorders or dissolves a unit; the caller must be an admin of its subtree. */
export async function updateOrgUnit(db: Db, viewer: Viewer, actor: AuditActor, input: OrgUnitChanges) {
  const data = checkedInput((p) => ({
    ...(input.code != null ? { code: p.check(() => validCode(input.code!)) } : {}),
    ...(input.name != null ? { name: p.check(() => textField('name', input.name, 200, true)!) } : {}),
    ...(input.shortName != null ? { shortName: p.check(() => textField('shortName', input.shortName, 50)) } : {}),
    ...(input.sortOrder != null ? { sortOrder: input.sortOrder } : {}),
    ...(input.active != null ? { active: input.active } : {}),
    ...(input.singlePersonReview != null ? { singlePersonReview: input.singlePersonReview } : {}),
  }));
  return db.$transaction(async (tx) => {
    const unit = await tx.orgUnit.findUnique({ where: { id: input.id } });
    if (!unit || !covers(viewer, ['ADMIN'], unit.path)) throw new NotFoundError('org unit');
    if (data.active === false && viewer.kind === 'user' && viewer.grants.every((g) => g.orgPath.startsWith(unit.path))) {
      throw new InputError('active', '不能撤销自己所有授权所在的机构 — you cannot dissolve the unit all your roles are on.');
    }
    if (
      data.code &&
      data.code !== unit.code &&
      ((await tx.orgUnit.findUnique({ where: { code: data.code }, select: { id: true } })) || (await codeIssuedByOther(tx, data.code, unit.id)))
    ) {
      throw new AlreadyExistsError('code');
    }
    const updated = await tx.orgUnit.update({ where: { id: unit.id }, data });
    const changes = Object.fromEntries(
      Object.entries(data)
        .filter(([k, v]) => unit[k as keyof typeof unit] !== v)
        .map(([k, v]) => [k, { from: unit[k as keyof typeof unit] as string | number | boolean | null, to: v as string | number | boolean | null }]),
    );
    await recordAudit(tx, actor, { action: 'org_unit.updated', entityType: 'OrgUnit', entityId: unit.id, orgUnitId: unit.id, data: changes });
    return updated;
  });
}
