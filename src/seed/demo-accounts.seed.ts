// Demo accounts for development and demos (never in production), all with the password from
// GONGKAI_DEMO_PASSWORD: a county admin and auditor, and an editor and a reviewer for two
// townships and two departments.
import type { Db } from '../db/database.js';
import type { Role } from '../generated/prisma/enums.js';
import { provisionAccount } from '../modules/users/user.service.js';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; orgKey: string }[] = [
  { username: 'admin', displayName: '政务公开办管理员', role: 'ADMIN', orgKey: 'county' },
  { username: 'auditor', displayName: '考核组审计员', role: 'AUDITOR', orgKey: 'county' },
  { username: 'zhangbaling.editor', displayName: '张八岭镇编辑', role: 'EDITOR', orgKey: 'zhangbaling' },
  { username: 'zhangbaling.reviewer', displayName: '张八岭镇审核员', role: 'REVIEWER', orgKey: 'zhangbaling' },
  { username: 'sanjie.editor', displayName: '三界镇编辑', role: 'EDITOR', orgKey: 'sanjie' },
  { username: 'sanjie.reviewer', displayName: '三界镇审核员', role: 'REVIEWER', orgKey: 'sanjie' },
  { username: 'zrzy.editor', displayName: '自然资源和规划局编辑', role: 'EDITOR', orgKey: 'natural-resources' },
  { username: 'zrzy.reviewer', displayName: '自然资源和规划局审核员', role: 'REVIEWER', orgKey: 'natural-resources' },
  { username: 'jiaoti.editor', displayName: '教育体育局编辑', role: 'EDITOR', orgKey: 'education' },
  { username: 'jiaoti.reviewer', displayName: '教育体育局审核员', role: 'REVIEWER', orgKey: 'education' },
];

export async function seedDemoAccounts(db: Db, orgIds: Map<string, string>, password: string): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const orgUnitId = orgIds.get(account.orgKey);
    if (!orgUnitId) throw new Error(`seed: demo account ${account.username} names unknown org '${account.orgKey}'`);
    const result = await provisionAccount(db, { ...account, password, orgUnitId }, 'seed');
    if (result.created) created++;
  }
  return created;
}
