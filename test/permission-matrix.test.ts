// The permission matrix: every root field of the schema (Query and Mutation, read from
// schema.graphql and from the code's schema, so a new field without a row fails the suite) ×
// every kind of caller (anonymous, a channel of each kind, editors of two org units, a
// reviewer, an admin, an auditor, and invalid credentials of every sort). Each cell asserts the
// access decision only: ALLOW (data, no error), DENY (FORBIDDEN) or UNAUTHENTICATED (HTTP 401).
// Mutations use harmless inputs (unknown ids, invalid values) so nothing changes.
// Then the rows each caller sees: counts recomputed from the database, never from the API.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../src/generated/prisma/client.js';
import { baseSchema } from '../src/graphql/schema.js';
import {
  accessClaims,
  anonymous,
  asAdmin,
  asAuditor,
  asEditorOf,
  asReviewerOf,
  call,
  callData,
  CHANNEL_KINDS,
  createChannelWithKey,
  createUser,
  dbIdOf,
  deactivateUser,
  forgeToken,
  gid,
  grantRole,
  issueKey,
  login,
  revokeKey,
  unknownGid,
  withoutRequestIds,
  type Caller,
  type ChannelKind,
  type ChannelWithKey,
  type HttpResult,
  type Session,
} from './actors.js';
import { startTestService, type TestService } from './harness.js';
import { FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from '../src/graphql/errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let service: TestService;
const prisma = () => service.service.db.prisma;

// ---- Callers ----------------------------------------------------------------------------

type Role = 'anonymous' | 'channel' | 'preview' | 'editor' | 'reviewer' | 'admin' | 'auditor' | 'invalid';
interface MatrixCaller {
  key: string;
  role: Role;
  caller: () => Caller;
}

const callers = new Map<string, Caller>();
const channels = new Map<ChannelKind, ChannelWithKey>();
let admin: Session;
let auditor: Session;
let editorA: Session;
let editorB: Session;
let reviewerA: Session;

const CALLERS: MatrixCaller[] = [
  { key: 'anonymous', role: 'anonymous', caller: () => anonymous },
  ...CHANNEL_KINDS.map((kind): MatrixCaller => ({ key: `channel ${kind}`, role: 'channel', caller: () => channels.get(kind)! })),
  // A draft preview token (of a draft of org A): anonymous for every root field, and no mutation at all.
  { key: 'draft preview token', role: 'preview', caller: () => callers.get('preview')! },
  { key: 'editor of org A (zhangbaling.editor)', role: 'editor', caller: () => editorA },
  { key: 'editor of org B (sanjie.editor)', role: 'editor', caller: () => editorB },
  { key: 'reviewer (zhangbaling.reviewer)', role: 'reviewer', caller: () => reviewerA },
  { key: 'admin', role: 'admin', caller: () => admin },
  { key: 'auditor', role: 'auditor', caller: () => auditor },
  // Control: a token forged with the right key and claims is accepted, so the tampered ones
  // below fail for their one defect and not because forging itself is broken.
  { key: 'forged token with valid claims (control, as admin)', role: 'admin', caller: () => callers.get('forged-valid')! },
  { key: 'deactivated user', role: 'invalid', caller: () => callers.get('deactivated')! },
  { key: 'expired token', role: 'invalid', caller: () => callers.get('expired')! },
  { key: 'tampered token: alg none', role: 'invalid', caller: () => callers.get('alg-none')! },
  { key: 'tampered token: signed with a wrong key', role: 'invalid', caller: () => callers.get('wrong-key')! },
  { key: 'tampered token: wrong audience', role: 'invalid', caller: () => callers.get('wrong-aud')! },
  { key: 'tampered token: wrong issuer', role: 'invalid', caller: () => callers.get('wrong-iss')! },
  { key: 'refresh token used as an access token', role: 'invalid', caller: () => callers.get('refresh-as-access')! },
  { key: 'revoked API key', role: 'invalid', caller: () => callers.get('revoked-key')! },
  { key: 'revoked preview token', role: 'invalid', caller: () => callers.get('revoked-preview')! },
  { key: 'expired preview token', role: 'invalid', caller: () => callers.get('expired-preview')! },
];

// ---- Access levels and the table ---------------------------------------------------------

type Level = 'anyone' | 'staff' | 'adminOrAuditor' | 'admin';
const ALLOWED: Record<Level, readonly Role[]> = {
  anyone: ['anonymous', 'channel', 'preview', 'editor', 'reviewer', 'admin', 'auditor'],
  staff: ['editor', 'reviewer', 'admin', 'auditor'],
  adminOrAuditor: ['admin', 'auditor'],
  admin: ['admin'],
};

interface Row {
  level: Level;
  document: string;
  variables?: () => Record<string, unknown>;
  /** For mutations: the typed results the harmless input may produce when allowed. */
  allowedTypes?: readonly string[];
}

const RESULT = '{ __typename ... on Error { code } }';

/** One row per root field: who may call it, and a harmless document that calls it. */
const TABLE: Record<string, Row> = {
  'Query.auditEvents': { level: 'adminOrAuditor', document: '{ auditEvents(first: 1) { totalCount } }' },
  'Query.channelClients': { level: 'adminOrAuditor', document: '{ channelClients(first: 1) { totalCount } }' },
  'Query.assessment': { level: 'adminOrAuditor', document: '{ assessment(period: { from: "2025-01-01", to: "2025-01-31" }, trendPeriods: 0) { period { from } } }' },
  'Query.webhookEndpoints': { level: 'admin', document: '{ webhookEndpoints(first: 1) { totalCount } }' },
  'Query.domain': { level: 'anyone', document: '{ domain(code: "NO_SUCH_DOMAIN") { id } }' },
  'Query.domains': { level: 'anyone', document: '{ domains(first: 1) { totalCount } }' },
  'Query.matters': { level: 'anyone', document: '{ matters(first: 1) { totalCount } }' },
  'Query.node': { level: 'anyone', document: 'query($id: ID!) { node(id: $id) { id } }', variables: () => ({ id: unknownGid('Release') }) },
  'Query.nodes': { level: 'anyone', document: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: () => ({ ids: [unknownGid('Release')] }) },
  'Query.orgUnit': { level: 'anyone', document: '{ orgUnit(code: "NO-SUCH-UNIT") { id } }' },
  'Query.orgUnits': { level: 'anyone', document: '{ orgUnits(filter: { search: "no such unit" }) { id } }' },
  'Query.releaseByIndexNo': { level: 'anyone', document: '{ releaseByIndexNo(indexNo: "NONE/000000-00000") { id } }' },
  'Query.releases': { level: 'anyone', document: '{ releases(first: 1) { totalCount } }' },
  'Query.users': { level: 'adminOrAuditor', document: '{ users(first: 1) { totalCount } }' },
  'Query.viewer': { level: 'anyone', document: '{ viewer { id } }' },
  'Query.workspaceReleases': { level: 'staff', document: '{ workspaceReleases(first: 1) { totalCount } }' },
  'Query.overdueReleases': { level: 'staff', document: '{ overdueReleases(first: 1) { totalCount } }' },
  'Query.dueSoonReleases': { level: 'staff', document: '{ dueSoonReleases(first: 1) { totalCount } }' },
  'Query.workCalendar': { level: 'anyone', document: '{ workCalendar(year: 2026) { year known } }' },

  'Mutation.login': {
    level: 'anyone',
    document: `mutation($input: LoginInput!) { login(input: $input) ${RESULT} }`,
    variables: () => ({ input: { username: 'matrix.nobody', password: 'not-the-password-123' } }),
    allowedTypes: ['InvalidCredentialsError', 'TooManyAttemptsError'],
  },
  // The second step of a TOTP sign-in: an unknown challenge is refused before any code is checked.
  'Mutation.completeLogin': {
    level: 'anyone',
    document: `mutation($input: CompleteLoginInput!) { completeLogin(input: $input) ${RESULT} }`,
    variables: () => ({ input: { challenge: 'not-a-challenge', code: '000000' } }),
    allowedTypes: ['LoginChallengeInvalidError'],
  },
  // Single sign-on: not configured on the matrix's service, so every caller gets the same typed refusal.
  'Mutation.beginOidcLogin': {
    level: 'anyone',
    document: `mutation($input: BeginOidcLoginInput!) { beginOidcLogin(input: $input) ${RESULT} }`,
    variables: () => ({ input: { redirectUri: 'https://example.invalid/callback' } }),
    allowedTypes: ['OidcSignInError'],
  },
  'Mutation.completeOidcLogin': {
    level: 'anyone',
    document: `mutation($input: CompleteOidcLoginInput!) { completeOidcLogin(input: $input) ${RESULT} }`,
    variables: () => ({ input: { attempt: 'not-an-attempt', callbackUrl: 'https://example.invalid/callback?code=x' } }),
    allowedTypes: ['OidcSignInError'],
  },
  'Mutation.refreshToken': {
    level: 'anyone',
    document: `mutation($input: RefreshTokenInput!) { refreshToken(input: $input) ${RESULT} }`,
    variables: () => ({ input: { refreshToken: 'gkr_matrix-unknown-token' } }),
    allowedTypes: ['InvalidRefreshTokenError'],
  },
  'Mutation.logout': {
    level: 'anyone',
    document: 'mutation($input: LogoutInput!) { logout(input: $input) { __typename ok } }',
    variables: () => ({ input: { refreshToken: 'gkr_matrix-unknown-token' } }),
    allowedTypes: ['OkPayload'],
  },
  // Your own account. A short new password is refused before the current one is checked (and
  // counted); each matrix caller has one session, so ending the others ends nothing.
  'Query.mySessions': { level: 'staff', document: '{ mySessions { id current } }' },
  // Draft previews: editors and reviewers of the release's unit (the service answers NotFoundError / null elsewhere).
  'Query.releasePreviews': { level: 'staff', document: 'query($id: ID!) { releasePreviews(releaseId: $id) { id } }', variables: () => ({ id: unknownGid('Release') }) },
  'Mutation.createReleasePreview': {
    level: 'staff',
    document: `mutation($input: CreateReleasePreviewInput!) { createReleasePreview(input: $input) ${RESULT} }`,
    variables: () => ({ input: { releaseId: unknownGid('Release') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.revokeReleasePreview': {
    level: 'staff',
    document: `mutation($input: RevokeReleasePreviewInput!) { revokeReleasePreview(input: $input) ${RESULT} }`,
    variables: () => ({ input: { previewId: unknownGid('ReleasePreview') } }),
    allowedTypes: ['NotFoundError'],
  },
  // Hosted files: writers of content get an upload link (an .exe name is refused before one is issued).
  'Mutation.beginUpload': {
    level: 'staff',
    document: `mutation($input: BeginUploadInput!) { beginUpload(input: $input) ${RESULT} }`,
    variables: () => ({ input: { fileName: 'matrix.exe', byteSize: 10 } }),
    allowedTypes: ['InputError', 'NotFoundError'],
  },
  'Mutation.changeMyPassword': {
    level: 'staff',
    document: `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) ${RESULT} }`,
    variables: () => ({ input: { currentPassword: 'not-the-password-123', newPassword: 'short' } }),
    allowedTypes: ['InputError'],
  },
  'Mutation.revokeMySession': {
    level: 'staff',
    document: `mutation($input: RevokeMySessionInput!) { revokeMySession(input: $input) ${RESULT} }`,
    variables: () => ({ input: { sessionId: randomUUID() } }),
    allowedTypes: ['NotFoundError'],
  },
  // Your own TOTP. Beginning only leaves an unconfirmed secret (sign-in is unchanged until it is
  // confirmed); a malformed code never confirms; disabling without a password or code is refused first.
  'Mutation.beginTotpEnrolment': {
    level: 'staff',
    document: `mutation { beginTotpEnrolment ${RESULT} }`,
    allowedTypes: ['BeginTotpEnrolmentPayload', 'TotpStateError'],
  },
  'Mutation.confirmTotpEnrolment': {
    level: 'staff',
    document: `mutation($input: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $input) ${RESULT} }`,
    variables: () => ({ input: { code: 'not-a-code' } }),
    allowedTypes: ['InputError', 'TotpStateError', 'TooManyAttemptsError'],
  },
  'Mutation.disableTotp': {
    level: 'staff',
    document: `mutation($input: DisableTotpInput!) { disableTotp(input: $input) ${RESULT} }`,
    variables: () => ({ input: {} }),
    allowedTypes: ['InputError'],
  },
  'Mutation.regenerateTotpRecoveryCodes': {
    level: 'staff',
    document: `mutation($input: RegenerateTotpRecoveryCodesInput!) { regenerateTotpRecoveryCodes(input: $input) ${RESULT} }`,
    variables: () => ({ input: {} }),
    allowedTypes: ['InputError'],
  },
  'Mutation.revokeMyOtherSessions': {
    level: 'staff',
    document: 'mutation { revokeMyOtherSessions { __typename sessionsEnded } }',
    allowedTypes: ['RevokeMyOtherSessionsPayload'],
  },
  'Mutation.createUser': {
    level: 'admin',
    document: `mutation($input: CreateUserInput!) { createUser(input: $input) ${RESULT} }`,
    variables: () => ({ input: { username: 'x', password: 'matrix-password-123', displayName: 'x' } }),
    allowedTypes: ['InputError'],
  },
  'Mutation.linkUserIdentity': {
    level: 'admin',
    document: `mutation($input: LinkUserIdentityInput!) { linkUserIdentity(input: $input) ${RESULT} }`,
    variables: () => ({ input: { userId: unknownGid('User'), subject: 'matrix' } }),
    allowedTypes: ['OidcSignInError'],
  },
  'Mutation.unlinkUserIdentity': {
    level: 'admin',
    document: `mutation($input: UnlinkUserIdentityInput!) { unlinkUserIdentity(input: $input) ${RESULT} }`,
    variables: () => ({ input: { identityId: unknownGid('UserIdentity') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateUser': {
    level: 'admin',
    document: `mutation($input: UpdateUserInput!) { updateUser(input: $input) ${RESULT} }`,
    variables: () => ({ input: { userId: unknownGid('User'), displayName: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.resetUserTotp': {
    level: 'admin',
    document: `mutation($input: ResetUserTotpInput!) { resetUserTotp(input: $input) ${RESULT} }`,
    variables: () => ({ input: { userId: unknownGid('User') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.deactivateUser': {
    level: 'admin',
    document: `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) ${RESULT} }`,
    variables: () => ({ input: { userId: unknownGid('User') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.grantRole': {
    level: 'admin',
    document: `mutation($input: GrantRoleInput!) { grantRole(input: $input) ${RESULT} }`,
    variables: () => ({ input: { userId: unknownGid('User'), role: 'EDITOR', orgUnitId: unknownGid('OrgUnit') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.revokeRole': {
    level: 'admin',
    document: `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) ${RESULT} }`,
    variables: () => ({ input: { grantId: unknownGid('RoleGrant') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.createOrgUnit': {
    level: 'admin',
    document: `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) ${RESULT} }`,
    variables: () => ({ input: { parentId: unknownGid('OrgUnit'), code: 'MATRIX-1', name: 'matrix', kind: 'VILLAGE' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateOrgUnit': {
    level: 'admin',
    document: `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('OrgUnit'), name: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.createChannelClient': {
    level: 'admin',
    document: `mutation($input: CreateChannelClientInput!) { createChannelClient(input: $input) ${RESULT} }`,
    variables: () => ({ input: { name: 'matrix', kind: 'OTHER', orgUnitId: unknownGid('OrgUnit') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateChannelClient': {
    level: 'admin',
    document: `mutation($input: UpdateChannelClientInput!) { updateChannelClient(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('ChannelClient'), active: false } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.issueApiKey': {
    level: 'admin',
    document: `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { __typename ... on Error { code } ... on IssueApiKeyPayload { key } } }`,
    variables: () => ({ input: { channelClientId: unknownGid('ChannelClient') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateApiKey': {
    level: 'admin',
    document: `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) ${RESULT} }`,
    variables: () => ({ input: { apiKeyId: unknownGid('ApiKey'), trustedDocumentsOnly: false } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.revokeApiKey': {
    level: 'admin',
    document: `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) ${RESULT} }`,
    variables: () => ({ input: { apiKeyId: unknownGid('ApiKey') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.createWebhookEndpoint': {
    level: 'admin',
    document: `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename ... on Error { code } ... on CreateWebhookEndpointPayload { secret } } }`,
    variables: () => ({ input: { channelClientId: unknownGid('ChannelClient'), url: 'https://receiver.example/hook' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateWebhookEndpoint': {
    level: 'admin',
    document: `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('WebhookEndpoint'), active: false } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.deleteWebhookEndpoint': {
    level: 'admin',
    document: `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('WebhookEndpoint') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.rotateWebhookSecret': {
    level: 'admin',
    document: `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { __typename ... on Error { code } ... on RotateWebhookSecretPayload { secret } } }`,
    variables: () => ({ input: { id: unknownGid('WebhookEndpoint') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.replayWebhookDelivery': {
    level: 'admin',
    document: `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('WebhookDelivery') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.replayFailedWebhookDeliveries': {
    level: 'admin',
    document: `mutation($input: ReplayFailedWebhookDeliveriesInput!) { replayFailedWebhookDeliveries(input: $input) ${RESULT} }`,
    variables: () => ({ input: { endpointId: unknownGid('WebhookEndpoint'), since: '2026-01-01T00:00:00Z' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.setWorkCalendarYear': {
    level: 'admin',
    document: `mutation($input: SetWorkCalendarYearInput!) { setWorkCalendarYear(input: $input) ${RESULT} }`,
    variables: () => ({ input: { year: 1999, days: [] } }),
    allowedTypes: ['InputError'],
  },
  'Mutation.setAssessmentScheme': {
    level: 'admin',
    document: `mutation($input: SetAssessmentSchemeInput!) { setAssessmentScheme(input: $input) ${RESULT} }`,
    variables: () => ({ input: { name: '权限矩阵', weights: [{ indicator: 'NEW_MEDIA', points: 1 }], excellentFrom: 90, passFrom: 70 } }),
    allowedTypes: ['InputError', 'NotFoundError'],
  },

  // The editorial workflow: any staff user reaches the service, which checks the role held on the
  // release's unit (an unknown release answers NotFoundError to everyone).
  'Mutation.createRelease': {
    level: 'staff',
    document: `mutation($input: CreateReleaseInput!) { createRelease(input: $input) ${RESULT} }`,
    variables: () => ({
      input: { matterId: unknownGid('Matter'), publisherId: unknownGid('OrgUnit'), title: 'matrix', stage: 'DECISION', bodyHtml: '<p>matrix</p>', targetChannels: ['WEBSITE'] },
    }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateRelease': {
    level: 'staff',
    document: `mutation($input: UpdateReleaseInput!) { updateRelease(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Release'), expectedVersion: 1, title: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  ...Object.fromEntries(
    (
      [
        ['submitRelease', 'SubmitReleaseInput', {}],
        ['approveRelease', 'ApproveReleaseInput', {}],
        ['rejectRelease', 'RejectReleaseInput', { comment: 'matrix' }],
        ['publishRelease', 'PublishReleaseInput', {}],
        ['unscheduleRelease', 'UnscheduleReleaseInput', {}],
        ['withdrawRelease', 'WithdrawReleaseInput', { reason: 'matrix' }],
        ['repealRelease', 'RepealReleaseInput', { repealedAt: '2026-01-01' }],
        ['deleteDraft', 'DeleteDraftInput', {}],
      ] as const
    ).map(([name, input, extra]): [string, Row] => [
      `Mutation.${name}`,
      {
        level: 'staff',
        document: `mutation($input: ${input}!) { ${name}(input: $input) ${RESULT} }`,
        variables: () => ({ input: { id: unknownGid('Release'), ...extra } }),
        allowedTypes: ['NotFoundError'],
      },
    ]),
  ),
  // Interpretations share the workflow: any staff user reaches the service.
  'Query.interpretations': { level: 'anyone', document: '{ interpretations(first: 1) { totalCount } }' },
  'Query.workspaceInterpretations': { level: 'staff', document: '{ workspaceInterpretations(first: 1) { totalCount } }' },
  'Query.missingInterpretations': { level: 'staff', document: '{ missingInterpretations(first: 1) { totalCount } }' },
  'Mutation.createInterpretation': {
    level: 'staff',
    document: `mutation($input: CreateInterpretationInput!) { createInterpretation(input: $input) ${RESULT} }`,
    variables: () => ({ input: { policyIds: [unknownGid('Release')], title: 'matrix', form: 'TEXT', bodyHtml: '<p>matrix</p>', targetChannels: ['WEBSITE'] } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateInterpretation': {
    level: 'staff',
    document: `mutation($input: UpdateInterpretationInput!) { updateInterpretation(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Interpretation'), expectedVersion: 1, title: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  ...Object.fromEntries(
    (
      [
        ['submitInterpretation', 'SubmitInterpretationInput', {}],
        ['approveInterpretation', 'ApproveInterpretationInput', {}],
        ['rejectInterpretation', 'RejectInterpretationInput', { comment: 'matrix' }],
        ['publishInterpretation', 'PublishInterpretationInput', {}],
        ['withdrawInterpretation', 'WithdrawInterpretationInput', { reason: 'matrix' }],
        ['deleteInterpretationDraft', 'DeleteInterpretationDraftInput', {}],
      ] as const
    ).map(([name, input, extra]): [string, Row] => [
      `Mutation.${name}`,
      {
        level: 'staff',
        document: `mutation($input: ${input}!) { ${name}(input: $input) ${RESULT} }`,
        variables: () => ({ input: { id: unknownGid('Interpretation'), ...extra } }),
        allowedTypes: ['NotFoundError'],
      },
    ]),
  ),
  // Concerns: the public submits and follows its own; staff handle those of their units.
  'Query.publicQuestions': { level: 'anyone', document: '{ publicQuestions(first: 1) { totalCount } }' },
  'Query.changes': { level: 'anyone', document: '{ changes(first: 1) { __typename } }' },
  'Query.concernStatus': { level: 'anyone', document: '{ concernStatus(trackingNo: "NO-SUCH", accessCode: "x") { trackingNo } }' },
  'Query.concerns': { level: 'staff', document: '{ concerns(first: 1) { totalCount } }' },
  'Query.overdueConcerns': { level: 'staff', document: '{ overdueConcerns(first: 1) { totalCount } }' },
  'Query.dueSoonConcerns': { level: 'staff', document: '{ dueSoonConcerns(first: 1) { totalCount } }' },
  // 年报: staff only; a unit out of scope (here: unknown) answers null.
  'Query.annualReport': { level: 'staff', document: 'query($o: ID!) { annualReport(year: 2020, orgUnitId: $o) { year } }', variables: () => ({ o: unknownGid('OrgUnit') }) },
  'Query.annualReportRequests': {
    level: 'staff',
    document: 'query($o: ID!) { annualReportRequests(year: 2020, orgUnitId: $o, row: "RECEIVED", first: 1) { totalCount } }',
    variables: () => ({ o: unknownGid('OrgUnit') }),
  },
  'Query.annualReportAppealRequests': {
    level: 'staff',
    document: 'query($o: ID!) { annualReportAppealRequests(year: 2020, orgUnitId: $o, group: RECONSIDERATION, column: TOTAL, first: 1) { totalCount } }',
    variables: () => ({ o: unknownGid('OrgUnit') }),
  },
  'Mutation.submitConcern': {
    level: 'anyone',
    document: `mutation($input: SubmitConcernInput!) { submitConcern(input: $input) ${RESULT} }`,
    // No phone or e-mail: refused before anything is counted or filed.
    variables: () => ({ input: { kind: 'QUESTION', subject: 'matrix', content: 'matrix', contact: { name: 'matrix' } } }),
    allowedTypes: ['InputError'],
  },
  'Mutation.submitDisclosureRequest': {
    level: 'anyone',
    document: `mutation($input: SubmitDisclosureRequestInput!) { submitDisclosureRequest(input: $input) ${RESULT} }`,
    // A resident-ID number with a wrong check digit: refused before anything is counted or filed.
    variables: () => ({
      input: { description: 'matrix', requester: { requesterType: 'NATURAL_PERSON', name: 'matrix', idDocumentType: 'RESIDENT_ID', idDocumentNo: '110101199003071230', phone: '13800000000' } },
    }),
    allowedTypes: ['InputError'],
  },
  'Mutation.registerDisclosureRequest': {
    level: 'staff',
    document: `mutation($input: RegisterDisclosureRequestInput!) { registerDisclosureRequest(input: $input) ${RESULT} }`,
    variables: () => ({
      input: {
        orgUnitId: unknownGid('OrgUnit'),
        receiptMethod: 'IN_PERSON',
        description: 'matrix',
        requester: { requesterType: 'NATURAL_PERSON', name: 'matrix', idDocumentType: 'PASSPORT', idDocumentNo: 'E12345678', phone: '13800000000' },
      },
    }),
    allowedTypes: ['NotFoundError'],
  },
  ...Object.fromEntries(
    (
      [
        ['confirmDisclosureRequest', 'ConfirmDisclosureRequestInput', {}],
        ['requestDisclosureCorrection', 'RequestDisclosureCorrectionInput', { note: 'matrix' }],
        ['recordDisclosureCorrection', 'RecordDisclosureCorrectionInput', {}],
        ['startThirdPartyConsultation', 'StartThirdPartyConsultationInput', { note: 'matrix' }],
        ['endThirdPartyConsultation', 'EndThirdPartyConsultationInput', {}],
        ['extendDisclosureRequest', 'ExtendDisclosureRequestInput', { workingDays: 5, reason: 'matrix', approver: 'matrix' }],
      ] as const
    ).map(([name, input, extra]): [string, Row] => [
      `Mutation.${name}`,
      {
        level: 'staff',
        document: `mutation($input: ${input}!) { ${name}(input: $input) ${RESULT} }`,
        variables: () => ({ input: { id: unknownGid('Concern'), ...extra } }),
        allowedTypes: ['NotFoundError'],
      },
    ]),
  ),
  'Mutation.recordDisclosureAppeal': {
    level: 'staff',
    document: `mutation($input: RecordDisclosureAppealInput!) { recordDisclosureAppeal(input: $input) ${RESULT} }`,
    variables: () => ({ input: { concernId: unknownGid('Concern'), kind: 'RECONSIDERATION', filedOn: '2020-01-02' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateDisclosureAppeal': {
    level: 'staff',
    document: `mutation($input: UpdateDisclosureAppealInput!) { updateDisclosureAppeal(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('DisclosureAppeal'), expectedVersion: 1, note: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.registerPublicOpinion': {
    level: 'staff',
    document: `mutation($input: RegisterPublicOpinionInput!) { registerPublicOpinion(input: $input) ${RESULT} }`,
    variables: () => ({ input: { orgUnitId: unknownGid('OrgUnit'), subject: 'matrix', content: 'matrix', major: false } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.transferConcern': {
    level: 'staff',
    document: `mutation($input: TransferConcernInput!) { transferConcern(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Concern'), orgUnitId: unknownGid('OrgUnit'), reason: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.extendConcernDeadline': {
    level: 'staff',
    document: `mutation($input: ExtendConcernDeadlineInput!) { extendConcernDeadline(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Concern'), reason: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.closeConcern': {
    level: 'staff',
    document: `mutation($input: CloseConcernInput!) { closeConcern(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Concern') } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.revealConcernSubmitter': {
    level: 'staff',
    document: `mutation($input: RevealConcernSubmitterInput!) { revealConcernSubmitter(input: $input) ${RESULT} }`,
    variables: () => ({ input: { concernId: unknownGid('Concern'), reason: 'matrix' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.createResponse': {
    level: 'staff',
    document: `mutation($input: CreateResponseInput!) { createResponse(input: $input) ${RESULT} }`,
    variables: () => ({ input: { concernId: unknownGid('Concern'), bodyHtml: '<p>matrix</p>' } }),
    allowedTypes: ['NotFoundError'],
  },
  'Mutation.updateResponse': {
    level: 'staff',
    document: `mutation($input: UpdateResponseInput!) { updateResponse(input: $input) ${RESULT} }`,
    variables: () => ({ input: { id: unknownGid('Response'), expectedVersion: 1, bodyHtml: '<p>matrix</p>' } }),
    allowedTypes: ['NotFoundError'],
  },
  ...Object.fromEntries(
    (
      [
        ['submitResponse', 'SubmitResponseInput', {}],
        ['approveResponse', 'ApproveResponseInput', {}],
        ['rejectResponse', 'RejectResponseInput', { comment: 'matrix' }],
        ['publishResponse', 'PublishResponseInput', {}],
        ['withdrawResponse', 'WithdrawResponseInput', { reason: 'matrix' }],
        ['deleteResponseDraft', 'DeleteResponseDraftInput', {}],
      ] as const
    ).map(([name, input, extra]): [string, Row] => [
      `Mutation.${name}`,
      {
        level: 'staff',
        document: `mutation($input: ${input}!) { ${name}(input: $input) ${RESULT} }`,
        variables: () => ({ input: { id: unknownGid('Response'), ...extra } }),
        allowedTypes: ['NotFoundError'],
      },
    ]),
  ),
  'Mutation.restoreRevision': {
    level: 'staff',
    document: `mutation($input: RestoreRevisionInput!) { restoreRevision(input: $input) ${RESULT} }`,
    variables: () => ({ input: { revisionId: unknownGid('Revision') } }),
    allowedTypes: ['NotFoundError'],
  },
};

function rootFields(schema: { getQueryType(): GraphQLObjectType | null | undefined; getMutationType(): GraphQLObjectType | null | undefined }): string[] {
  const out: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type) for (const name of Object.keys(type.getFields())) out.push(`${type.name}.${name}`);
  }
  return out.sort();
}

const schemaFile = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

function expected(level: Level, role: Role, field: string): 'ALLOW' | 'DENY' | 'UNAUTHENTICATED' {
  if (role === 'invalid') return 'UNAUTHENTICATED';
  // A draft preview token reads; it runs no mutation, not even the public ones.
  if (role === 'preview' && field.startsWith('Mutation.')) return 'DENY';
  return ALLOWED[level].includes(role) ? 'ALLOW' : 'DENY';
}

// ---- Setup ---------------------------------------------------------------------------------

let draftA: { id: string; title: string };
const MATRIX_PASSWORD = 'matrix-deactivated-pass-2026';

beforeAll(async () => {
  service = await startTestService();
  // One after another: the embedded database serialises transactions.
  admin = await asAdmin(service);
  auditor = await asAuditor(service);
  editorA = await asEditorOf(service, 'zhangbaling');
  editorB = await asEditorOf(service, 'sanjie');
  reviewerA = await asReviewerOf(service, 'zhangbaling');
  for (const kind of CHANNEL_KINDS) channels.set(kind, await createChannelWithKey(service, admin, kind));

  // A revoked key of a live channel.
  const website = channels.get('WEBSITE')!;
  const revoked = await issueKey(service, admin, website.channelId, { label: 'to be revoked' });
  expect((await revokeKey(service, admin, revoked.apiKeyId)).__typename).toBe('RevokeApiKeyPayload');
  callers.set('revoked-key', { label: 'revoked key', apiKey: revoked.key });

  // A user with an editor role who signed in, then was deactivated.
  const zhangbaling = await prisma().roleGrant.findFirstOrThrow({ where: { user: { username: 'zhangbaling.editor' } }, select: { orgUnitId: true } });
  const deactivatedId = await createUser(service, admin, 'matrix.deactivated', MATRIX_PASSWORD);
  await grantRole(service, admin, deactivatedId, 'EDITOR', gid('OrgUnit', zhangbaling.orgUnitId));
  const deactivated = await login(service, 'matrix.deactivated', MATRIX_PASSWORD);
  expect((await callData(service, deactivated, '{ viewer { username } }')).viewer.username).toBe('matrix.deactivated');
  expect((await deactivateUser(service, admin, deactivatedId)).__typename).toBe('DeactivateUserPayload');
  callers.set('deactivated', deactivated);

  // Forged tokens on the admin's live session. The admin's password is dated a day back so a
  // token issued a minute ago is not refused for predating it (the check a reset relies on).
  await prisma().user.update({ where: { id: admin.userId }, data: { passwordChangedAt: new Date(Date.now() - 86_400_000) } });
  const now = Math.floor(Date.now() / 1000);
  callers.set('forged-valid', { label: 'forged valid', token: await forgeToken(accessClaims(admin, { iat: now - 60, exp: now + 600 })) });
  callers.set('expired', { label: 'expired', token: await forgeToken(accessClaims(admin, { iat: now - 120, exp: now - 60 })) });
  callers.set('alg-none', { label: 'alg none', token: await forgeToken(accessClaims(admin), { alg: 'none' }) });
  callers.set('wrong-key', { label: 'wrong key', token: await forgeToken(accessClaims(admin), { secret: 'another-secret-of-at-least-32-bytes-0123456789' }) });
  callers.set('wrong-aud', { label: 'wrong aud', token: await forgeToken(accessClaims(admin, { aud: 'another-api' })) });
  callers.set('wrong-iss', { label: 'wrong iss', token: await forgeToken(accessClaims(admin, { iss: 'someone-else' })) });
  callers.set('refresh-as-access', { label: 'refresh as access', token: admin.refreshToken });

  const draft = await prisma().release.findFirstOrThrow({
    where: { status: 'DRAFT', publisher: { path: { startsWith: await orgPathOf('zhangbaling.editor') } } },
    select: { id: true, title: true },
  });
  draftA = { id: gid('Release', draft.id), title: draft.title };

  // Draft preview tokens of that draft: a live one, a revoked one, an expired one.
  const PREVIEW = `mutation($input: CreateReleasePreviewInput!) { createReleasePreview(input: $input) { ... on CreateReleasePreviewPayload { token preview { id } } } }`;
  const newPreview = async () => (await callData(service, editorA, PREVIEW, { input: { releaseId: draftA.id } })).createReleasePreview as { token: string; preview: { id: string } };
  const [live, revokedPreview, expiredPreview] = [await newPreview(), await newPreview(), await newPreview()];
  callers.set('preview', { label: 'preview', authorization: `Preview ${live.token}` });
  const revokeResult = await callData(service, editorA, `mutation($input: RevokeReleasePreviewInput!) { revokeReleasePreview(input: $input) { __typename } }`, {
    input: { previewId: revokedPreview.preview.id },
  });
  expect(revokeResult.revokeReleasePreview.__typename).toBe('RevokeReleasePreviewPayload');
  callers.set('revoked-preview', { label: 'revoked preview', authorization: `Preview ${revokedPreview.token}` });
  await prisma().releasePreview.update({ where: { id: dbIdOf(expiredPreview.preview.id) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
  callers.set('expired-preview', { label: 'expired preview', authorization: `Preview ${expiredPreview.token}` });
});

afterAll(async () => {
  await service?.stop();
});

/** The org path of the (single) grant of a demo user. */
async function orgPathOf(username: string): Promise<string> {
  const grant = await prisma().roleGrant.findFirstOrThrow({ where: { user: { username } }, select: { orgUnit: { select: { path: true } } } });
  return grant.orgUnit.path;
}

// ---- The matrix ------------------------------------------------------------------------------

describe('the table covers the API', () => {
  it('has exactly one row for every Query and Mutation field of schema.graphql', () => {
    const fields = rootFields(schemaFile);
    expect(fields.filter((f) => !(f in TABLE)), 'root fields without a row').toEqual([]);
    expect(Object.keys(TABLE).filter((f) => !fields.includes(f)), 'rows for fields that no longer exist').toEqual([]);
  });

  it('has a row for every root field of the schema the server runs (schema.graphql may lag behind the code)', () => {
    const fields = rootFields(baseSchema);
    expect(fields.filter((f) => !(f in TABLE)), 'root fields without a row').toEqual([]);
  });

  it('schema.graphql has Query and Mutation types with fields', () => {
    expect(isObjectType(schemaFile.getQueryType())).toBe(true);
    expect(rootFields(schemaFile).length).toBeGreaterThan(20);
  });
});

function assertCell(res: HttpResult, field: string, outcome: ReturnType<typeof expected>, allowedTypes?: readonly string[]): void {
  const name = field.split('.')[1]!;
  const context = `HTTP ${res.status} ${res.text.slice(0, 600)}`;
  if (outcome === 'UNAUTHENTICATED') {
    expect(res.status, context).toBe(401);
    expect(res.errors?.[0]?.extensions?.code, context).toBe('UNAUTHENTICATED');
    expect(res.body && 'data' in res.body, `${context}: a refused credential executes nothing`).toBe(false);
    return;
  }
  if (outcome === 'DENY') {
    expect(res.status, context).toBe(200);
    expect(res.errors?.[0]?.extensions?.code, context).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message, context).toBe(FORBIDDEN_MESSAGE);
    // A denied nullable field is null; a denied non-null field nulls the whole data.
    expect(res.data === null || res.data?.[name] === null, context).toBe(true);
    return;
  }
  expect(res.status, context).toBe(200);
  expect(res.errors, context).toBeUndefined();
  expect(res.data && name in res.data, context).toBe(true);
  if (allowedTypes) expect(allowedTypes, context).toContain(res.data[name].__typename);
}

describe.each(Object.entries(TABLE))('%s', (field, row) => {
  it.each(CALLERS.map((c) => [c.key, c] as const))(`%s`, async (_key, c) => {
    const outcome = expected(row.level, c.role, field);
    const res = await call(service, c.caller(), row.document, row.variables?.());
    assertCell(res, field, outcome, outcome === 'ALLOW' ? row.allowedTypes : undefined);
  });
});

describe('an invalid credential is refused precisely', () => {
  it('answers HTTP 401 with only the UNAUTHENTICATED error, the same for every kind of bad credential', async () => {
    const bodies = new Set<string>();
    for (const c of CALLERS.filter((c) => c.role === 'invalid')) {
      const res = await call(service, c.caller(), '{ releases(first: 1) { totalCount } }');
      expect(res.status, c.key).toBe(401);
      expect(withoutRequestIds(res.body), c.key).toEqual({
        errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
      });
      bodies.add(JSON.stringify(withoutRequestIds(res.body)));
    }
    expect(bodies.size).toBe(1);
  });
});

// ---- Visible rows ------------------------------------------------------------------------------

describe('visible rows per caller', () => {
  // The public list: published releases (and repealed ones, marked 废止), already public now.
  const publishedWhere = (): Prisma.ReleaseWhereInput => ({ status: { in: ['PUBLISHED', 'REPEALED'] }, publishedAt: { lte: new Date() } });

  it('releases: anonymous and every staff caller see all published releases, each channel only those targeted at its kind', async () => {
    const published = await prisma().release.count({ where: publishedWhere() });
    const all = await prisma().release.count();
    expect(published).toBeGreaterThan(0);
    expect(published).toBeLessThan(all);
    for (const c of CALLERS.filter((c) => c.role !== 'invalid')) {
      const caller = c.caller();
      const kind = c.role === 'channel' ? (caller as ChannelWithKey).kind : null;
      const want = kind ? await prisma().release.count({ where: { ...publishedWhere(), targetChannels: { has: kind } } }) : published;
      const data = await callData(service, caller, '{ releases { totalCount } }');
      expect(data.releases.totalCount, c.key).toBe(want);
    }
    // The kinds really differ, so the per-kind counts above mean something.
    const perKind = await Promise.all(CHANNEL_KINDS.map((k) => prisma().release.count({ where: { ...publishedWhere(), targetChannels: { has: k } } })));
    expect(new Set(perKind).size).toBeGreaterThan(1);
  });

  it('workspaceReleases: editors and reviewers see their subtree in any status, admin and auditor every release', async () => {
    const subtree = async (username: string) => prisma().release.count({ where: { publisher: { path: { startsWith: await orgPathOf(username) } } } });
    const all = await prisma().release.count();
    const a = await subtree('zhangbaling.editor');
    const b = await subtree('sanjie.editor');
    const cases: [Session, number][] = [
      [editorA, a],
      [reviewerA, a],
      [editorB, b],
      [admin, all],
      [auditor, all],
    ];
    for (const [who, want] of cases) {
      const data = await callData(service, who, '{ workspaceReleases { totalCount } }');
      expect(data.workspaceReleases.totalCount, who.username).toBe(want);
    }
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a).toBeLessThan(all);
    // Drafts are in the workspace of their own unit and nobody else's.
    const draftsA = await callData(service, editorA, '{ workspaceReleases(first: 100, filter: { statuses: [DRAFT] }) { edges { node { id } } } }');
    expect(draftsA.workspaceReleases.edges.map((e: Any) => e.node.id)).toContain(draftA.id);
    const draftsB = await callData(service, editorB, '{ workspaceReleases(first: 100, filter: { statuses: [DRAFT] }) { edges { node { id } } } }');
    expect(draftsB.workspaceReleases.edges.map((e: Any) => e.node.id)).not.toContain(draftA.id);
  });

  it('users: admin and auditor count every account; editors, reviewers, channels and anonymous are refused', async () => {
    const all = await prisma().user.count();
    for (const who of [admin, auditor]) {
      expect((await callData(service, who, '{ users { totalCount } }')).users.totalCount, who.username).toBe(all);
    }
    for (const who of [editorA, editorB, reviewerA, anonymous, channels.get('WEBSITE')!]) {
      const res = await call(service, who, '{ users { totalCount } }');
      expect(res.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
      expect(res.data?.users, who.label).toBeNull();
    }
  });

  it('auditEvents: admin and auditor see the whole log, including what the other did; nobody else sees any', async () => {
    for (const who of [admin, auditor]) {
      const before = await prisma().auditEvent.count();
      const data = await callData(service, who, '{ auditEvents(first: 100, filter: { actions: ["channel.created"] }) { edges { node { action actorUserId } } } all: auditEvents { totalCount } }');
      expect(data.all.totalCount, who.username).toBe(before);
      const channelEvents = data.auditEvents.edges.filter((e: Any) => e.node.actorUserId === gid('User', admin.userId));
      expect(channelEvents.length, who.username).toBe(CHANNEL_KINDS.length);
    }
    for (const who of [editorA, editorB, reviewerA, anonymous, ...channels.values()]) {
      const res = await call(service, who, '{ auditEvents { totalCount edges { node { action } } } }');
      expect(res.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
      expect(res.data?.auditEvents, who.label).toBeNull();
    }
  });

  it('channelClients: admin and auditor see every channel', async () => {
    const all = await prisma().channelClient.count();
    expect(all).toBeGreaterThanOrEqual(CHANNEL_KINDS.length);
    for (const who of [admin, auditor]) {
      expect((await callData(service, who, '{ channelClients { totalCount } }')).channelClients.totalCount, who.username).toBe(all);
    }
  });

  it('node(id) of a draft of org A: its editor and reviewer, the admin and the auditor get it; editor B, anonymous and channels get null, exactly as for an unknown id', async () => {
    const q = 'query($id: ID!) { node(id: $id) { id ... on Release { title status } } }';
    for (const who of [editorA, reviewerA, admin, auditor]) {
      const data = await callData(service, who, q, { id: draftA.id });
      expect(data.node, who.username).toEqual({ id: draftA.id, title: draftA.title, status: 'DRAFT' });
    }
    const unknown = unknownGid('Release');
    for (const who of [editorB, anonymous, ...channels.values()]) {
      const draft = await call(service, who, q, { id: draftA.id });
      const missing = await call(service, who, q, { id: unknown });
      expect(draft.body, who.label).toEqual({ data: { node: null } });
      expect(draft.status, who.label).toBe(missing.status);
      expect(withoutRequestIds(draft.body), who.label).toEqual(withoutRequestIds(missing.body));
    }
  });
});
