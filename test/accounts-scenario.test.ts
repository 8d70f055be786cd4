// Issue "done when", as a new user would try it: the demo admin creates an editor for one
// township; that editor sees the township's drafts and everyone's published releases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestService, type TestService } from './harness.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { __typename ... on LoginPayload { accessToken viewer { username grants { role orgUnit { name } } } } ... on Error { message } } }`;

describe('Accounts: an admin-made township editor', () => {
  it('sees exactly the township\'s releases in any state in the workspace, and everyone\'s published ones in the public list', async () => {
    const admin = dataOf(await service.gql(LOGIN, { u: 'admin', p: 'gongkai-demo-2026' })).login.accessToken as string;
    const pancun = dataOf(await service.gql(`{ orgUnit(code: "${(await service.service.db.prisma.orgUnit.findFirstOrThrow({ where: { name: '明光市潘村镇人民政府' } })).code}") { id name } }`)).orgUnit;

    const created = dataOf(
      await service.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { __typename ... on CreateUserPayload { user { id username } } ... on Error { message } } }`,
        { i: { username: 'pancun.editor', password: 'pancun-editor-password-1', displayName: '潘村镇编辑' } },
        { token: admin },
      ),
    ).createUser;
    expect(created.__typename).toBe('CreateUserPayload');
    const granted = dataOf(
      await service.gql(
        `mutation($i: GrantRoleInput!) { grantRole(input: $i) { __typename ... on GrantRolePayload { user { grants { role orgUnit { name } } } } ... on Error { message } } }`,
        { i: { userId: created.user.id, role: 'EDITOR', orgUnitId: pancun.id } },
        { token: admin },
      ),
    ).grantRole;
    expect(granted.user.grants).toEqual([{ role: 'EDITOR', orgUnit: { name: '明光市潘村镇人民政府' } }]);

    const signIn = dataOf(await service.gql(LOGIN, { u: 'pancun.editor', p: 'pancun-editor-password-1' })).login;
    expect(signIn.viewer).toEqual({ username: 'pancun.editor', grants: [{ role: 'EDITOR', orgUnit: { name: '明光市潘村镇人民政府' } }] });
    const editor = signIn.accessToken as string;

    const prisma = service.service.db.prisma;
    const own = await prisma.release.findMany({ where: { publisher: { name: { startsWith: '明光市潘村镇' } } }, select: { id: true, status: true } });
    expect(own.some((r) => r.status === 'DRAFT')).toBe(true);
    const workspace = dataOf(
      await service.gql(`{ workspaceReleases(first: 100) { totalCount edges { node { status publisher { name } } } } }`, {}, { token: editor }),
    ).workspaceReleases;
    expect(workspace.totalCount).toBe(own.length);
    expect(workspace.edges.every((e: { node: { publisher: { name: string } } }) => e.node.publisher.name === '明光市潘村镇人民政府')).toBe(true);

    const published = await prisma.release.count({ where: { status: { in: ['PUBLISHED', 'REPEALED'] }, publishedAt: { lte: new Date() } } });
    expect(dataOf(await service.gql(`{ releases { totalCount } }`, {}, { token: editor })).releases.totalCount).toBe(published);

    // Another township's draft stays out of reach.
    const foreignDraft = await prisma.release.findFirstOrThrow({ where: { status: 'DRAFT', publisher: { name: '明光市张八岭镇人民政府' } } });
    const gid = Buffer.from(`Release:${foreignDraft.id}`).toString('base64url');
    expect(dataOf(await service.gql(`{ node(id: "${gid}") { id } }`, {}, { token: editor })).node).toBeNull();
  });
});
