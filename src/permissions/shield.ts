// The operation/field tier of access control. Every object field of the schema has an explicit
// rule here (a test walks the schema to prove it); anything unlisted is denied by the fallback.
// Rules decide WHO may use a field; which ROWS they see is decided by the row filters.
import { GraphQLError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode } from '../graphql/errors.js';
import { applyMiddleware, deny, shield, type IRule, type IRules } from './shield-loader.js';
import { forbidden } from '../graphql/errors.js';
import { isAdmin, isAdminOrAuditor, isAnyone, isNotPreview, isSelfOrAdminOrAuditor, isStaffUser } from './rules.js';

/** The same rule for each listed field: keeps the map explicit without repeating the rule. */
function fields(rule: IRule, names: readonly string[]): Record<string, IRule> {
  return Object.fromEntries(names.map((n) => [n, rule]));
}

const connection = ['edges', 'pageInfo', 'totalCount'] as const;
const edge = ['cursor', 'node'] as const;
const errorFields = ['code', 'message'] as const;

export const ruleTree = {
  Query: {
    ...fields(isAnyone, ['node', 'nodes', 'domains', 'domain', 'matters', 'orgUnits', 'orgUnit', 'releases', 'releaseByIndexNo', 'viewer', 'workCalendar', 'interpretations', 'publicQuestions', 'concernStatus', 'changes']),
    ...fields(isAdminOrAuditor, ['users', 'auditEvents', 'channelClients', 'assessment']),
    ...fields(isAdmin, ['webhookEndpoints']),
    ...fields(isStaffUser, ['workspaceReleases', 'overdueReleases', 'dueSoonReleases', 'workspaceInterpretations', 'missingInterpretations', 'concerns', 'overdueConcerns', 'dueSoonConcerns']),
    ...fields(isStaffUser, ['annualReport', 'annualReportRequests', 'annualReportAppealRequests']),
    // Your own account (src/modules/auth/my-account.*): signed-in staff, never channels or anonymous.
    ...fields(isStaffUser, ['mySessions']),
    // Draft previews (src/modules/releases/release-preview.*): the service answers null outside the caller's units.
    ...fields(isStaffUser, ['releasePreviews']),
  },
  Mutation: {
    // Anyone but a draft preview token, which may run no mutation at all (every other mutation is staff-only).
    ...fields(isNotPreview, ['login', 'refreshToken', 'logout', 'submitConcern', 'submitDisclosureRequest']),
    // The second step of a sign-in with TOTP: the caller has no session yet, only the challenge.
    ...fields(isNotPreview, ['completeLogin']),
    // Single sign-on (src/modules/auth/oidc.*): like login, for anyone who is not a preview token.
    ...fields(isNotPreview, ['beginOidcLogin', 'completeOidcLogin']),
    // Your own account: the services act on the caller's user and session only.
    ...fields(isStaffUser, ['changeMyPassword', 'revokeMySession', 'revokeMyOtherSessions']),
    // Your own TOTP second factor (src/modules/auth/totp.*): the caller's account only.
    ...fields(isStaffUser, ['beginTotpEnrolment', 'confirmTotpEnrolment', 'disableTotp', 'regenerateTotpRecoveryCodes']),
    ...fields(isAdmin, [
      'createUser', 'updateUser', 'deactivateUser', 'resetUserTotp', 'grantRole', 'revokeRole', 'linkUserIdentity', 'unlinkUserIdentity',
      'createOrgUnit', 'updateOrgUnit',
      'createChannelClient', 'updateChannelClient', 'issueApiKey', 'updateApiKey', 'revokeApiKey',
      'setWorkCalendarYear', 'setAssessmentScheme',
      'createWebhookEndpoint', 'updateWebhookEndpoint', 'deleteWebhookEndpoint', 'rotateWebhookSecret', 'replayWebhookDelivery', 'replayFailedWebhookDeliveries',
    ]),
    // Any staff user; the workflow service checks the role on the release's unit.
    ...fields(isStaffUser, [
      'createRelease', 'updateRelease', 'submitRelease', 'approveRelease', 'rejectRelease', 'publishRelease',
      'unscheduleRelease', 'withdrawRelease', 'repealRelease', 'deleteDraft', 'restoreRevision',
      'createReleasePreview', 'revokeReleasePreview',
      // Hosted files: the service checks the caller writes content somewhere.
      'beginUpload',
      'createInterpretation', 'updateInterpretation', 'submitInterpretation', 'approveInterpretation', 'rejectInterpretation',
      'publishInterpretation', 'withdrawInterpretation', 'deleteInterpretationDraft',
      'registerPublicOpinion', 'transferConcern', 'extendConcernDeadline', 'closeConcern', 'revealConcernSubmitter',
      'createResponse', 'updateResponse', 'submitResponse', 'approveResponse', 'rejectResponse', 'publishResponse', 'withdrawResponse',
      'deleteResponseDraft',
      'registerDisclosureRequest', 'confirmDisclosureRequest', 'requestDisclosureCorrection', 'recordDisclosureCorrection',
      'startThirdPartyConsultation', 'endThirdPartyConsultation', 'extendDisclosureRequest', 'recordDisclosureAppeal', 'updateDisclosureAppeal',
    ]),
  },

  // Public reference data and published content.
  PageInfo: fields(isAnyone, ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  OrgUnit: {
    ...fields(isAnyone, ['id', 'code', 'name', 'shortName', 'kind', 'depth', 'sortOrder', 'active', 'parent', 'children']),
    ...fields(isStaffUser, ['singlePersonReview']),
  },
  Domain: fields(isAnyone, ['id', 'code', 'name', 'description', 'sortOrder', 'matters']),
  DomainConnection: fields(isAnyone, connection),
  DomainEdge: fields(isAnyone, edge),
  Matter: fields(isAnyone, ['id', 'code', 'name', 'description', 'level', 'sortOrder', 'domain', 'parent', 'children', 'standard', 'releases']),
  MatterConnection: fields(isAnyone, connection),
  MatterEdge: fields(isAnyone, edge),
  MatterReleasesConnection: fields(isAnyone, connection),
  MatterReleasesEdge: fields(isAnyone, edge),
  CatalogVersion: fields(isAnyone, ['id', 'number', 'title', 'changeNote', 'status', 'effectiveFrom']),
  Standard: fields(isAnyone, [
    'id', 'matter', 'catalogVersion', 'legalBasis', 'contentElements', 'responsibleText', 'responsibleOrg',
    'timeLimit', 'requiredChannels', 'optionalChannels', 'audience', 'audienceNote', 'mode', 'levels', 'stages', 'requiresInterpretation',
  ]),
  LegalCitation: fields(isAnyone, ['kind', 'title', 'docNo', 'articles']),
  ContentElement: fields(isAnyone, ['name', 'required']),
  TimeLimit: fields(isAnyone, ['text', 'trigger', 'amount', 'unit', 'before', 'displayPeriod']),
  Period: fields(isAnyone, ['amount', 'unit']),
  Release: {
    ...fields(isAnyone, [
      'id', 'indexNo', 'title', 'docNo', 'status', 'stage', 'topic', 'genre', 'keywords', 'summary', 'bodyHtml', 'bodyText',
      'attachments', 'cover', 'targetChannels', 'issuedAt', 'formedAt', 'dueAt', 'publishedAt', 'firstPublishedAt', 'publishedOnTime',
      'effectiveAt', 'repealedAt', 'matter', 'publisher', 'updatedAt', 'withdrawnAt', 'withdrawalReason', 'revisions',
      'interpretations', 'interpretationDueAt', 'interpretationStatus', 'url',
    ]),
    // Workflow fields: staff only (review notes are further limited to the owning units).
    ...fields(isStaffUser, ['version', 'publishAt', 'reviewNotes']),
  },
  Interpretation: {
    ...fields(isAnyone, [
      'id', 'title', 'form', 'interpreterName', 'status', 'summary', 'bodyHtml', 'bodyText', 'attachments', 'cover', 'targetChannels', 'dueAt',
      'publishedAt', 'firstPublishedAt', 'publishedOnTime', 'withdrawnAt', 'withdrawalReason', 'interpretingOrg', 'policies', 'updatedAt', 'url',
    ]),
    ...fields(isStaffUser, ['version', 'reviewNotes']),
  },
  InterpretationConnection: fields(isAnyone, connection),
  InterpretationEdge: fields(isAnyone, edge),
  WorkspaceInterpretationConnection: fields(isStaffUser, connection),
  WorkspaceInterpretationEdge: fields(isStaffUser, edge),
  MissingInterpretationConnection: fields(isStaffUser, connection),
  MissingInterpretationEdge: fields(isStaffUser, edge),
  InterpretationPayload: fields(isStaffUser, ['interpretation']),
  DeleteInterpretationDraftPayload: fields(isStaffUser, ['deletedInterpretationId']),
  // Concerns and answers: staff of the units in scope; submitters' data only ever masked here.
  Concern: fields(isStaffUser, [
    'id', 'trackingNo', 'kind', 'major', 'status', 'subject', 'content', 'channel', 'matter', 'release', 'orgUnit', 'receivedAt', 'dueAt',
    'extensionDays', 'extensionReason', 'answeredAt', 'answeredOnTime', 'closedAt', 'publicConsent', 'submitterPurgedAt', 'submitter', 'responses',
    'receiptMethod', 'requesterType', 'deliveryPreference', 'clockStartedAt', 'correctionDueAt', 'concludedAt', 'outcome', 'outcomeDetail', 'clockEvents', 'appeals',
  ]),
  ConcernSubmitter: fields(isStaffUser, ['name', 'phone', 'email', 'address', 'requesterType', 'idDocumentType', 'idDocumentNo']),
  ConcernClockEvent: fields(isStaffUser, ['kind', 'at', 'workingDays', 'approver', 'note']),
  DisclosureAppeal: fields(isStaffUser, ['id', 'kind', 'afterReconsideration', 'caseNo', 'filedOn', 'result', 'decidedOn', 'note', 'concern', 'version']),
  DisclosureAppealPayload: fields(isStaffUser, ['appeal']),
  ConcernConnection: fields(isStaffUser, connection),
  ConcernEdge: fields(isStaffUser, edge),
  OverdueConcernConnection: fields(isStaffUser, connection),
  OverdueConcernEdge: fields(isStaffUser, edge),
  DueSoonConcernConnection: fields(isStaffUser, connection),
  DueSoonConcernEdge: fields(isStaffUser, edge),
  Response: fields(isStaffUser, [
    'id', 'status', 'bodyHtml', 'bodyText', 'justified', 'outcome', 'outcomeDetail', 'correctedRelease', 'publishedAt', 'withdrawnAt', 'withdrawalReason', 'orgUnit', 'concern',
    'version', 'updatedAt', 'reviewNotes',
  ]),
  ConcernPayload: fields(isStaffUser, ['concern']),
  ResponsePayload: fields(isStaffUser, ['response']),
  DeleteResponseDraftPayload: fields(isStaffUser, ['deletedResponseId']),
  RevealConcernSubmitterPayload: fields(isStaffUser, ['submitter']),
  // What the public sees: a receipt once, its own concern by code, and consented Q&A.
  SubmitConcernPayload: fields(isAnyone, ['receipt']),
  ConcernReceipt: fields(isAnyone, ['trackingNo', 'accessCode', 'receivedAt', 'dueAt']),
  ConcernStatusView: fields(isAnyone, [
    'trackingNo', 'kind', 'subject', 'status', 'unit', 'receivedAt', 'dueAt', 'clockStartedAt', 'correctionDueAt', 'extensionDays', 'outcome', 'outcomeDetail',
    'answeredAt', 'answerHtml',
  ]),
  // The receipt a requester gets; its `concern` resolves for staff of the unit only (row filter).
  DisclosureRequestReceipt: fields(isAnyone, ['receipt', 'concern']),
  PublicQuestion: fields(isAnyone, ['id', 'kind', 'subject', 'question', 'unit', 'receivedAt', 'answeredAt', 'answerHtml', 'url']),
  PublicQuestionConnection: fields(isAnyone, connection),
  PublicQuestionEdge: fields(isAnyone, edge),
  Revision: {
    ...fields(isAnyone, ['id', 'number', 'kind', 'changeNote', 'status', 'createdAt', 'content', 'release']),
    ...fields(isStaffUser, ['authorName']),
  },
  RevisionContent: fields(isAnyone, ['title', 'docNo', 'stage', 'topic', 'genre', 'keywords', 'summary', 'bodyHtml', 'attachments', 'targetChannels']),
  ReviewNote: fields(isStaffUser, ['action', 'comment', 'fromStatus', 'toStatus', 'createdAt', 'authorName']),
  WorkspaceReleaseConnection: fields(isStaffUser, connection),
  WorkspaceReleaseEdge: fields(isStaffUser, edge),
  OverdueReleaseConnection: fields(isStaffUser, connection),
  OverdueReleaseEdge: fields(isStaffUser, edge),
  DueSoonReleaseConnection: fields(isStaffUser, connection),
  DueSoonReleaseEdge: fields(isStaffUser, edge),
  ReleasePayload: fields(isStaffUser, ['release']),
  ReleasePreview: fields(isStaffUser, ['id', 'prefix', 'expiresAt', 'revokedAt', 'lastUsedAt', 'createdAt', 'active', 'createdByName', 'release']),
  CreateReleasePreviewPayload: fields(isStaffUser, ['token', 'preview']),
  RevokeReleasePreviewPayload: fields(isStaffUser, ['preview']),
  DeleteDraftPayload: fields(isStaffUser, ['deletedReleaseId']),
  VersionConflictError: fields(isStaffUser, [...errorFields, 'expectedVersion', 'currentVersion']),
  InvalidTransitionError: fields(isStaffUser, [...errorFields, 'action', 'currentStatus', 'reason']),
  // Anonymous submitters get it too (submitConcern).
  IdempotencyKeyReusedError: fields(isAnyone, errorFields),
  CalendarYear: fields(isAnyone, ['year', 'known', 'source', 'workingDays', 'days']),
  CalendarDay: fields(isAnyone, ['date', 'kind', 'name']),
  SetWorkCalendarYearPayload: fields(isAdmin, ['calendar', 'deadlinesChanged']),
  Attachment: fields(isAnyone, ['name', 'size', 'mimeType', 'sha256', 'hosted', 'url', 'imageUrl']),
  Image: fields(isAnyone, ['name', 'width', 'height', 'url']),
  // Hosted files (src/modules/files): the node answers only its uploader (row filter).
  StoredFile: fields(isStaffUser, ['id', 'name', 'size', 'mimeType', 'sha256', 'width', 'height', 'createdAt']),
  BeginUploadPayload: fields(isStaffUser, ['uploadUrl', 'expiresAt', 'maxBytes', 'mimeType']),
  ReleaseConnection: fields(isAnyone, connection),
  ReleaseEdge: fields(isAnyone, edge),

  // The change feed: which events and subjects a caller sees is the row filters' decision.
  ChangeConnection: fields(isAnyone, ['edges', 'pageInfo']),
  ChangeEdge: fields(isAnyone, edge),
  ChangeEvent: fields(isAnyone, ['kind', 'occurredAt', 'subjectId', 'subjectVersion', 'channels', 'release', 'interpretation', 'response', 'question', 'tombstone', 'correction']),
  ChangeTombstone: fields(isAnyone, ['indexNo', 'title', 'reason', 'withdrawnAt']),
  ChangeCorrection: fields(isAnyone, ['major', 'changeNote']),
  ChangeCursorExpiredError: fields(isAnyone, [...errorFields, 'retentionDays']),

  // Sign-in. Token payloads only ever reach the caller who signed in.
  LoginPayload: fields(isAnyone, ['accessToken', 'accessTokenExpiresAt', 'refreshToken', 'refreshTokenExpiresAt', 'viewer']),
  RefreshTokenPayload: fields(isAnyone, ['accessToken', 'accessTokenExpiresAt', 'refreshToken', 'refreshTokenExpiresAt', 'viewer']),
  OkPayload: fields(isAnyone, ['ok']),
  InvalidCredentialsError: fields(isAnyone, errorFields),
  OidcSignInError: fields(isAnyone, errorFields),
  TooManyAttemptsError: fields(isAnyone, [...errorFields, 'retryAfterSeconds']),
  InvalidRefreshTokenError: fields(isAnyone, errorFields),
  // The two-step sign-in: the challenge (no session yet) and its completion reach the caller only.
  TotpRequired: fields(isAnyone, ['challenge', 'challengeExpiresAt', 'message']),
  TotpEnrolmentRequired: fields(isAnyone, ['accessToken', 'accessTokenExpiresAt', 'refreshToken', 'refreshTokenExpiresAt', 'message']),
  CompleteLoginPayload: fields(isAnyone, ['accessToken', 'accessTokenExpiresAt', 'refreshToken', 'refreshTokenExpiresAt', 'viewer']),
  InvalidSecondFactorError: fields(isAnyone, errorFields),
  LoginChallengeInvalidError: fields(isAnyone, errorFields),
  // Your own TOTP: the secret is readable only in the payload of beginTotpEnrolment, the recovery
  // codes only in that of confirmTotpEnrolment (both to the signed-in owner).
  BeginTotpEnrolmentPayload: fields(isStaffUser, ['secret', 'otpauthUri', 'qrCodeSvg']),
  ConfirmTotpEnrolmentPayload: fields(isStaffUser, ['recoveryCodes', 'otherSessionsEnded', 'viewer']),
  RegenerateTotpRecoveryCodesPayload: fields(isStaffUser, ['recoveryCodes', 'viewer']),
  DisableTotpPayload: fields(isStaffUser, ['viewer']),
  TotpStateError: fields(isStaffUser, errorFields),
  // Your own account: sessions and payloads reach only their signed-in owner.
  Session: fields(isStaffUser, ['id', 'createdAt', 'lastRefreshedAt', 'expiresAt', 'current']),
  ChangeMyPasswordPayload: fields(isStaffUser, ['accessToken', 'accessTokenExpiresAt', 'sessionsEnded', 'viewer']),
  RevokeMySessionPayload: fields(isStaffUser, ['revokedSessionId', 'current']),
  RevokeMyOtherSessionsPayload: fields(isStaffUser, ['sessionsEnded']),

  // Accounts: reachable only through viewer/login (yourself) and admin/auditor entry points.
  User: {
    ...fields(isAnyone, ['id', 'username', 'displayName', 'status', 'lastLoginAt', 'createdAt', 'grants']),
    ...fields(isAdminOrAuditor, ['identities']),
    ...fields(isSelfOrAdminOrAuditor, ['twoFactorEnabledAt', 'recoveryCodesLeft']),
  },
  UserIdentity: fields(isAdminOrAuditor, ['id', 'issuer', 'subject', 'createdAt', 'lastUsedAt', 'user']),
  BeginOidcLoginPayload: fields(isAnyone, ['authorizationUrl', 'attempt', 'expiresAt']),
  OidcLoginPayload: fields(isAnyone, ['accessToken', 'accessTokenExpiresAt', 'refreshToken', 'refreshTokenExpiresAt', 'viewer']),
  UserIdentityPayload: fields(isAdmin, ['user']),
  RoleGrant: fields(isAnyone, ['id', 'role', 'orgUnit', 'createdAt']),
  UserConnection: fields(isAdminOrAuditor, connection),
  UserEdge: fields(isAdminOrAuditor, edge),

  // Administration payloads and errors (their mutations are admin-only).
  CreateUserPayload: fields(isStaffUser, ['user']),
  UpdateUserPayload: fields(isStaffUser, ['user']),
  ResetUserTotpPayload: fields(isStaffUser, ['user']),
  DeactivateUserPayload: fields(isStaffUser, ['user']),
  GrantRolePayload: fields(isStaffUser, ['grantId', 'user']),
  RevokeRolePayload: fields(isStaffUser, ['grantId', 'user']),
  CreateOrgUnitPayload: fields(isStaffUser, ['orgUnit']),
  UpdateOrgUnitPayload: fields(isStaffUser, ['orgUnit']),
  CreateChannelClientPayload: fields(isStaffUser, ['channelClient']),
  UpdateChannelClientPayload: fields(isStaffUser, ['channelClient']),
  IssueApiKeyPayload: fields(isAdmin, ['key', 'apiKey']),
  UpdateApiKeyPayload: fields(isAdmin, ['apiKey']),
  RevokeApiKeyPayload: fields(isAdmin, ['apiKey']),
  NotFoundError: fields(isAnyone, [...errorFields, 'what']),
  InputError: fields(isAnyone, [...errorFields, 'field', 'problems']),
  InputProblem: fields(isAnyone, ['field', 'code', 'message']),
  AlreadyExistsError: fields(isAnyone, [...errorFields, 'field']),

  // Channels, keys and the audit log: admins and auditors only, even when reached by id.
  ChannelClient: fields(isAdminOrAuditor, ['id', 'name', 'kind', 'description', 'active', 'orgUnit', 'apiKeys', 'createdAt', 'operationsPerMinute', 'usage']),
  ChannelUsageReport: fields(isAdminOrAuditor, ['since', 'until', 'operations', 'throttled', 'hours']),
  ChannelUsageHour: fields(isAdminOrAuditor, ['hour', 'operations', 'throttled']),
  ChannelClientConnection: fields(isAdminOrAuditor, connection),
  ChannelClientEdge: fields(isAdminOrAuditor, edge),
  ApiKey: fields(isAdminOrAuditor, ['id', 'prefix', 'label', 'expiresAt', 'revokedAt', 'lastUsedAt', 'createdAt', 'trustedDocumentsOnly']),
  AuditEvent: fields(isAdminOrAuditor, [
    'id', 'occurredAt', 'action', 'actorUserId', 'actorChannelId', 'actorAddress', 'entityType', 'entityId', 'requestId', 'data',
  ]),
  AuditEventConnection: fields(isAdminOrAuditor, connection),

  // Webhook endpoints and their delivery logs: admins only (auditors neither: a receiver URL may
  // carry its own token); the row filter limits them to the channels the admin manages. The
  // secret is readable only in the payload of the mutation that made it.
  WebhookEndpoint: fields(isAdmin, [
    'id', 'channelClient', 'url', 'description', 'eventKinds', 'active', 'disabledAt', 'disabledReason', 'failingSince',
    'consecutiveFailures', 'previousSecretExpiresAt', 'createdAt', 'updatedAt', 'deliveries',
  ]),
  WebhookEndpointConnection: fields(isAdmin, connection),
  WebhookEndpointEdge: fields(isAdmin, edge),
  WebhookDelivery: fields(isAdmin, [
    'id', 'webhookId', 'endpoint', 'eventType', 'eventSequence', 'status', 'attempts', 'responseStatus', 'latencyMs', 'lastError',
    'firstAttemptAt', 'lastAttemptAt', 'nextAttemptAt', 'deliveredAt', 'createdAt',
  ]),
  WebhookDeliveryConnection: fields(isAdmin, connection),
  WebhookDeliveryEdge: fields(isAdmin, edge),
  CreateWebhookEndpointPayload: fields(isAdmin, ['secret', 'endpoint']),
  RotateWebhookSecretPayload: fields(isAdmin, ['secret', 'endpoint']),
  UpdateWebhookEndpointPayload: fields(isAdmin, ['endpoint']),
  DeleteWebhookEndpointPayload: fields(isAdmin, ['deletedEndpointId']),
  ReplayWebhookDeliveryPayload: fields(isAdmin, ['delivery']),
  ReplayFailedWebhookDeliveriesPayload: fields(isAdmin, ['replayed', 'endpoint']),
  AuditEventEdge: fields(isAdminOrAuditor, edge),

  // 考核 (src/modules/assessment): admins and auditors, the service limits the units to their
  // scope; the scheme is set by county-wide admins (the resolver checks that).
  Assessment: fields(isAdminOrAuditor, ['period', 'scheme', 'units', 'matters']),
  AssessmentPeriod: fields(isAdminOrAuditor, ['from', 'to']),
  AssessmentScheme: fields(isAdminOrAuditor, ['name', 'builtIn', 'weights', 'excellentFrom', 'passFrom', 'activatedAt']),
  AssessmentWeight: fields(isAdminOrAuditor, ['indicator', 'points']),
  AssessmentUnit: fields(isAdminOrAuditor, [
    'rank', 'orgUnit', 'score', 'band', 'vetoed', 'indicators', 'deductions', 'overdue', 'dueSoon', 'lateInterpretations',
    'medianInterpretationLagHours', 'coverageGaps', 'trend', 'matters',
  ]),
  AssessmentIndicatorResult: fields(isAdminOrAuditor, ['indicator', 'numerator', 'denominator', 'rate', 'weight', 'points']),
  AssessmentDeduction: fields(isAdminOrAuditor, ['check', 'points', 'veto', 'reason']),
  AssessmentTrendPoint: fields(isAdminOrAuditor, ['period', 'score', 'band', 'vetoed']),
  AssessmentCoverageGap: fields(isAdminOrAuditor, ['matter', 'recurrence', 'windowStart', 'windowEnd']),
  AssessmentMatterRate: fields(isAdminOrAuditor, ['matter', 'due', 'onTime', 'overdue', 'rate']),
  SetAssessmentSchemePayload: fields(isAdmin, ['scheme']),

  // 年报 (src/modules/reports): staff only; the resolvers answer null outside the caller's units.
  AnnualReport: fields(isStaffUser, ['year', 'orgUnit', 'generatedAt', 'documents', 'decisions', 'requests', 'reclassifiedRequests', 'appeals']),
  AnnualReportDocumentRow: fields(isStaffUser, ['kind', 'label', 'issued', 'repealed', 'inForce']),
  AnnualReportDecisionRow: fields(isStaffUser, ['item', 'label', 'decisions']),
  AnnualReportRequestRow: fields(isStaffUser, [
    'code', 'number', 'label', 'level', 'parentCode', 'naturalPerson', 'commercialEnterprise', 'researchInstitution',
    'publicInterestOrganization', 'legalServiceOrganization', 'otherOrganization', 'total',
  ]),
  AnnualReportAppeals: fields(isStaffUser, ['reconsideration', 'directLitigation', 'litigationAfterReconsideration']),
  AnnualReportAppealCounts: fields(isStaffUser, ['upheld', 'corrected', 'other', 'pending', 'total']),
  AnnualReportRequestConnection: fields(isStaffUser, connection),
  AnnualReportRequestEdge: fields(isStaffUser, edge),
  AnnualReportAppealRequestConnection: fields(isStaffUser, connection),
  AnnualReportAppealRequestEdge: fields(isStaffUser, edge),
} satisfies IRules;

/**
 * Applies the rule tree. Every field of every object type is wrapped by shield (fields without
 * a rule get the deny fallback) — except those whose rule is `isAnyone`: a rule that allows
 * everyone decides nothing, and wrapping each of the hundreds of fields of a list page in a
 * promise-returning middleware cost a large share of the read path. Those fields keep their
 * resolvers as they are; the coverage test still proves that each of them has its explicit rule.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(ruleTree, {
    fallbackRule: deny,
    // Resolver errors pass through untouched (typed, or masked by formatError and logged by the
    // logging plugin); only a refusal becomes FORBIDDEN, built fresh per refusal.
    allowExternalErrors: true,
    debug: false,
    fallbackError: () => forbidden(),
  });
  const middleware = permissions.generate(schema) as Record<string, Record<string, unknown>>;
  for (const [type, rules] of Object.entries(ruleTree as Record<string, Record<string, IRule>>)) {
    for (const [field, rule] of Object.entries(rules)) if (rule === isAnyone) delete middleware[type]?.[field];
    if (middleware[type] && Object.keys(middleware[type]).length === 0) delete middleware[type];
  }
  return applyMiddleware(applyMiddleware(schema, middleware as never), { Query: totpEnrolmentGate, Mutation: totpEnrolmentGate } as never);
}

/** What a session that must enrol TOTP first (TOTP_REQUIRED_FOR_ADMINS) may still do. */
export const TOTP_ENROLMENT_ALLOWED = new Set(['beginTotpEnrolment', 'confirmTotpEnrolment', 'viewer', 'logout', 'refreshToken', '__typename']);

/**
 * TOTP_REQUIRED_FOR_ADMINS: an administrator without TOTP signs in, but every root field other
 * than the enrolment mutations, `viewer`, `refreshToken` and `logout` answers FORBIDDEN until it is confirmed
 * (the authenticator sets the flag from the database on every request, so confirming takes
 * effect at once for the same tokens). Only root fields are wrapped: no cost per nested field.
 */
function totpEnrolmentGate(resolve: (...a: unknown[]) => unknown, root: unknown, args: unknown, ctx: Context, info: GraphQLResolveInfo): unknown {
  if (ctx.viewer.kind === 'user' && ctx.viewer.totpEnrolmentRequired && !TOTP_ENROLMENT_ALLOWED.has(info.fieldName)) {
    throw new GraphQLError('管理员须先启用两步验证 — administrators must enable two-factor sign-in first (beginTotpEnrolment, confirmTotpEnrolment).', {
      extensions: { code: ErrorCode.FORBIDDEN, totpEnrolmentRequired: true },
    });
  }
  return resolve(root, args, ctx, info);
}
