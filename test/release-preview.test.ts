// Draft previews (issue 15, part 4): an editor or reviewer of a release's unit creates a token
// for that one release; a front end sends it as `Authorization: Preview <token>` and reads the
// release as it is now, whatever its status, plus what the public sees — nothing else, no
// mutations, never from or into the public response cache. Expired, revoked and deleted: 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreviewToken } from '../src/auth/tokens.js';
import { anonymous, call, callData, gid, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { get, getPath } from './http-helpers.js';
import { fixture, mutateOk, releaseIn, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
});
afterAll(() => service.stop());

const prisma = () => service.service.db.prisma;

const CREATE = `mutation($input: CreateReleasePreviewInput!) {
  createReleasePreview(input: $input) {
    __typename
    ... on CreateReleasePreviewPayload { token preview { id prefix expiresAt active createdByName release { id } } }
    ... on Error { code message }
    ... on InputError { field }
  }
}`;
const REVOKE = `mutation($input: RevokeReleasePreviewInput!) {
  revokeReleasePreview(input: $input) { __typename ... on RevokeReleasePreviewPayload { preview { id revokedAt active } } ... on Error { code } }
}`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Release { title status bodyHtml } } }`;

const previewCaller = (token: string): Caller => ({ label: 'preview token', authorization: `Preview ${token}` });

async function createPreview(caller: Caller, releaseId: string, expiresInHours?: number): Promise<Any> {
  const data = await callData(service, caller, CREATE, { input: { releaseId, ...(expiresInHours !== undefined ? { expiresInHours } : {}) } });
  return data.createReleasePreview;
}

async function newPreview(releaseId: string, caller: Caller = fx.editor): Promise<{ token: string; id: string; caller: Caller }> {
  const r = await createPreview(caller, releaseId);
  expect(r.__typename).toBe('CreateReleasePreviewPayload');
  return { token: r.token, id: r.preview.id, caller: previewCaller(r.token) };
}

describe(`Release previews: creating and listing (${databaseLabel})`, () => {
  it('an editor and a reviewer of the unit create a token shown once; only its hash is stored', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const before = Date.now();
    const byEditor = await createPreview(fx.editor, draft.id);
    expect(byEditor.__typename).toBe('CreateReleasePreviewPayload');
    expect(byEditor.token).toMatch(/^gkp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(byEditor.preview.active).toBe(true);
    expect(byEditor.preview.release.id).toBe(draft.id);
    expect(byEditor.token.startsWith(`gkp_${byEditor.preview.prefix}_`)).toBe(true);
    // Default lifetime: 24 hours.
    const expiresIn = new Date(byEditor.preview.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(expiresIn).toBeLessThan(24 * 3_600_000 + 60_000);
    const byReviewer = await createPreview(fx.reviewer, draft.id, 2);
    expect(byReviewer.__typename).toBe('CreateReleasePreviewPayload');

    const row = await prisma().releasePreview.findUniqueOrThrow({ where: { id: uuidOf(byEditor.preview.id) } });
    expect(JSON.stringify(row)).not.toContain(byEditor.token.split('_').pop());
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await callData(service, fx.reviewer, `query($id: ID!) { releasePreviews(releaseId: $id) { id active createdByName } }`, { id: draft.id });
    expect(list.releasePreviews.map((p: Any) => p.id)).toEqual([byReviewer.preview.id, byEditor.preview.id]);
  });

  it('anyone else gets NotFoundError (another unit, an auditor, an admin), FORBIDDEN without a staff token, InputError past the limits', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    for (const caller of [fx.otherEditor, fx.otherReviewer, fx.auditor, fx.admin]) {
      const r = await createPreview(caller, draft.id);
      expect(r, caller.label).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    }
    const unknown = await createPreview(fx.editor, gid('Release', '00000000-0000-7000-8000-000000000000'));
    expect(unknown.__typename).toBe('NotFoundError');
    const refused = await call(service, anonymous, CREATE, { input: { releaseId: draft.id } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const hours of [0, 169, -1]) {
      const r = await createPreview(fx.editor, draft.id, hours);
      expect(r).toMatchObject({ __typename: 'InputError', field: 'expiresInHours' });
    }
    // The list: staff of the unit only.
    const other = await callData(service, fx.otherEditor, `query($id: ID!) { releasePreviews(releaseId: $id) { id } }`, { id: draft.id });
    expect(other.releasePreviews).toBeNull();
    const anon = await call(service, anonymous, `query($id: ID!) { releasePreviews(releaseId: $id) { id } }`, { id: draft.id });
    expect(anon.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await prisma().releasePreview.count({ where: { releaseId: uuidOf(draft.id) } })).toBe(0);
  });
});

describe(`Release previews: what the token reads (${databaseLabel})`, () => {
  it('reads its draft through node and nodes, with the current content after an edit', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    const first = await callData(service, preview.caller, NODE, { id: draft.id });
    expect(first.node).toMatchObject({ id: draft.id, status: 'DRAFT', title: draft.title });

    const edited = await mutateOk(service, fx.editor, 'update', { id: draft.id, expectedVersion: draft.version, title: `${draft.title} 修订`, bodyHtml: '<p>修订后的正文</p>' });
    const second = await callData(service, preview.caller, `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Release { title bodyHtml } } }`, { ids: [draft.id] });
    expect(second.nodes[0]).toMatchObject({ title: edited.title, bodyHtml: '<p>修订后的正文</p>' });
    // Anonymous callers still see nothing of it.
    expect((await callData(service, anonymous, NODE, { id: draft.id })).node).toBeNull();
  });

  it('reads its release in every status before publication', async () => {
    for (const state of ['IN_REVIEW', 'APPROVED', 'SCHEDULED'] as const) {
      const release = await releaseIn(fx, state);
      const preview = await newPreview(release.id, fx.reviewer);
      const r = await callData(service, preview.caller, NODE, { id: release.id });
      expect(r.node, state).toMatchObject({ id: release.id, status: state });
    }
  });

  it('sees no other draft, and the public data any anonymous caller sees', async () => {
    const mine = await releaseIn(fx, 'DRAFT');
    const other = await releaseIn(fx, 'DRAFT');
    const foreign = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT', publisher: { code: { not: fx.township.code } } }, select: { id: true } });
    const preview = await newPreview(mine.id);
    const r = await callData(service, preview.caller, `query($a: ID!, $b: ID!, $c: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } nodes(ids: [$a, $b, $c]) { id } }`, {
      a: mine.id,
      b: other.id,
      c: gid('Release', foreign.id),
    });
    expect(r.a.id).toBe(mine.id);
    expect(r.b).toBeNull();
    expect(r.nodes.map((n: Any) => n?.id ?? null)).toEqual([mine.id, null, null]);
    // Public lists answer as for anonymous callers.
    const QUERY = `{ releases(first: 50) { totalCount edges { node { id } } } domains(first: 3) { totalCount } }`;
    const [asPreview, asAnonymous] = [await callData(service, preview.caller, QUERY), await callData(service, anonymous, QUERY)];
    expect(asPreview).toEqual(asAnonymous);
  });

  it('is refused staff-only fields and queries, as anonymous callers are', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    for (const field of ['version', 'publishAt', 'reviewNotes { comment }']) {
      const res = await call(service, preview.caller, `query($id: ID!) { node(id: $id) { ... on Release { title ${field} } } }`, { id: draft.id });
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    for (const query of ['{ workspaceReleases(first: 1) { totalCount } }', '{ auditEvents(first: 1) { totalCount } }', '{ mySessions { id } }']) {
      const res = await call(service, preview.caller, query);
      expect(res.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const list = await call(service, preview.caller, `query($id: ID!) { releasePreviews(releaseId: $id) { id } }`, { id: draft.id });
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await callData(service, preview.caller, '{ viewer { id } }')).viewer).toBeNull();
  });

  it('runs no mutation, not even the public ones', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    const attempts: [string, Record<string, unknown>][] = [
      ['mutation($input: UpdateReleaseInput!) { updateRelease(input: $input) { __typename } }', { input: { id: draft.id, expectedVersion: draft.version, title: '预览令牌不能改' } }],
      ['mutation($input: CreateReleasePreviewInput!) { createReleasePreview(input: $input) { __typename } }', { input: { releaseId: draft.id } }],
      ['mutation($input: RevokeReleasePreviewInput!) { revokeReleasePreview(input: $input) { __typename } }', { input: { previewId: preview.id } }],
      ['mutation($input: LoginInput!) { login(input: $input) { __typename } }', { input: { username: 'zhangbaling.editor', password: 'not-the-password-123' } }],
      ['mutation($input: LogoutInput!) { logout(input: $input) { __typename } }', { input: { refreshToken: 'gkr_unknown' } }],
    ];
    for (const [document, variables] of attempts) {
      const res = await call(service, preview.caller, document, variables);
      expect(res.errors?.[0]?.extensions?.code, document).toBe('FORBIDDEN');
    }
    const row = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(draft.id) }, select: { title: true } });
    expect(row.title).toBe(draft.title);
    expect(await prisma().releasePreview.count({ where: { releaseId: uuidOf(draft.id) } })).toBe(1);
  });
});

describe(`Release previews: caching (${databaseLabel})`, () => {
  it('answers private, no-store; never takes a cached public answer nor leaves one for anonymous callers', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    const path = getPath(NODE, { id: draft.id });
    // An anonymous answer (null) cached first must not be served to the preview caller …
    const anon1 = await get(service, path);
    expect(anon1.body.data.node).toBeNull();
    expect(String(anon1.headers['cache-control'])).toMatch(/^public/);
    const seen = await get(service, path, {}, preview.caller);
    expect(seen.status).toBe(200);
    expect(seen.body.data.node).toMatchObject({ id: draft.id, status: 'DRAFT' });
    expect(seen.headers['cache-control']).toBe('private, no-store');
    expect(seen.headers.etag).toBeUndefined();
    // … and the preview's answer is served to nobody else.
    const again = await get(service, path, {}, preview.caller);
    expect(again.body.data.node.id).toBe(draft.id);
    const anon2 = await get(service, path);
    expect(anon2.body.data.node).toBeNull();
    // A path the preview asked first: anonymous callers still get null.
    const fresh = getPath(`query Fresh($id: ID!) { node(id: $id) { id ... on Release { title } } }`, { id: draft.id });
    expect((await get(service, fresh, {}, preview.caller)).body.data.node.id).toBe(draft.id);
    expect((await get(service, fresh)).body.data.node).toBeNull();
  });
});

describe(`Release previews: ending (${databaseLabel})`, () => {
  const expectUnauthenticated = async (caller: Caller, label: string) => {
    const res = await call(service, caller, NODE, { id: gid('Release', '00000000-0000-7000-8000-000000000000') });
    expect(res.status, label).toBe(401);
    expect(res.errors?.[0]?.extensions?.code, label).toBe('UNAUTHENTICATED');
  };

  it('an expired token answers 401', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    expect((await callData(service, preview.caller, NODE, { id: draft.id })).node.id).toBe(draft.id);
    await prisma().releasePreview.update({ where: { id: uuidOf(preview.id) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await expectUnauthenticated(preview.caller, 'expired');
  });

  it('a revoked token answers 401 at once; revoking is for the unit\'s editors and reviewers and is audited without the token', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    expect((await callData(service, preview.caller, NODE, { id: draft.id })).node.id).toBe(draft.id);
    const foreign = await callData(service, fx.otherReviewer, REVOKE, { input: { previewId: preview.id } });
    expect(foreign.revokeReleasePreview.__typename).toBe('NotFoundError');
    const revoked = await callData(service, fx.reviewer, REVOKE, { input: { previewId: preview.id } });
    expect(revoked.revokeReleasePreview).toMatchObject({ __typename: 'RevokeReleasePreviewPayload', preview: { id: preview.id, active: false } });
    expect(revoked.revokeReleasePreview.preview.revokedAt).not.toBeNull();
    await expectUnauthenticated(preview.caller, 'revoked');

    const events = await prisma().auditEvent.findMany({ where: { entityType: 'ReleasePreview', entityId: uuidOf(preview.id) }, orderBy: { occurredAt: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['release_preview.created', 'release_preview.revoked']);
    const editor = await prisma().user.findUniqueOrThrow({ where: { username: 'zhangbaling.editor' }, select: { id: true } });
    const reviewer = await prisma().user.findUniqueOrThrow({ where: { username: 'zhangbaling.reviewer' }, select: { id: true } });
    expect(events.map((e) => e.actorUserId)).toEqual([editor.id, reviewer.id]);
    expect(events[0]!.data).toMatchObject({ releaseId: uuidOf(draft.id) });
    // The token's own parser: a base64url secret may itself contain '_'.
    const secret = parsePreviewToken(preview.token)!.secret;
    for (const e of events) {
      expect(JSON.stringify(e)).not.toContain(preview.token);
      expect(JSON.stringify(e)).not.toContain(secret);
    }
  });

  it('a token of a deleted draft, a token with a wrong secret and a malformed one answer 401', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const preview = await newPreview(draft.id);
    const wrongSecret = previewCaller(`${preview.token.slice(0, -4)}AAAA`);
    await expectUnauthenticated(wrongSecret, 'wrong secret');
    await expectUnauthenticated(previewCaller('gkp_garbage'), 'malformed');
    const deleted = await callData(service, fx.editor, `mutation($input: DeleteDraftInput!) { deleteDraft(input: $input) { __typename } }`, { input: { id: draft.id } });
    expect(deleted.deleteDraft.__typename).toBe('DeleteDraftPayload');
    await expectUnauthenticated(preview.caller, 'release deleted');
  });
});
