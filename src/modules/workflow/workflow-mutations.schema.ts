// The workflow steps every kind of published content shares, as GraphQL mutations: one
// definition makes submitX, approveX, rejectX and withdrawX for releases, interpretations and
// responses alike (same inputs, same typed errors, same rules underneath).
import type { Context } from '../../context.js';
import { InputError, NotFoundError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { actorOf } from '../audit/audit.service.js';
import { simpleTransition, type WorkflowContext } from './editorial-workflow.js';
import type { EditorialKind } from './state-machine.js';
import { IdempotencyKeyReusedError, InvalidTransitionError, VersionConflictError } from './workflow.errors.js';

export const errorsOfWorkflow = [InputError, NotFoundError, InvalidTransitionError, VersionConflictError, IdempotencyKeyReusedError];

export function workflowContext(ctx: Context): WorkflowContext {
  return {
    db: ctx.db,
    viewer: ctx.viewer,
    actor: actorOf(ctx),
    now: ctx.now,
    timeZone: ctx.config.timeZone,
    deadlines: ctx.config.deadlines,
    jobs: ctx.jobs,
    onPublicChange: () => ctx.changes.changed(),
  };
}

type MutationFieldBuilder = Parameters<Parameters<typeof builder.mutationFields>[0]>[0];

export interface StepMutationOptions<Payload extends object> {
  kind: EditorialKind;
  /** 公开信息, 解读, 回应 — how descriptions name the content. */
  label: string;
  /** The `for` of the id argument: the kind's node ref. */
  node: object;
  payload: object;
  payloadOf: (id: string) => Payload;
  /** Withdrawal differs per kind (a release's pending repeal is cancelled, for instance). */
  withdraw: (ctx: WorkflowContext, id: string, reason: string) => Promise<string>;
}

/** submit / approve / reject / withdraw mutations for one kind of content. */
export function stepMutations<Payload extends object>(t: MutationFieldBuilder, o: StepMutationOptions<Payload>) {
  const id = t.input.globalID({ required: true, for: o.node as never, description: `${o.label} — the ${o.kind === 'Release' ? 'release' : o.kind.toLowerCase()}.` });
  const step = (action: 'SUBMIT' | 'APPROVE' | 'REJECT', description: string, commentDescription: string, required: boolean) =>
    t.fieldWithInput({
      type: o.payload as never,
      description: `${description}`,
      typeOptions: { description: `输入 — the ${o.label} and ${required ? 'the reason' : 'an optional comment'}.` },
      input: { id, comment: t.input.string({ required, description: commentDescription }) },
      errors: { types: errorsOfWorkflow, union: { description: '结果 — the content, or why not.' } },
      resolve: async (_r, { input }, ctx) => o.payloadOf(await simpleTransition(workflowContext(ctx), o.kind, (input.id as { id: string }).id, action, input.comment as string | null)) as never,
    });
  const name = o.kind;
  return {
    [`submit${name}`]: step('SUBMIT', `提交审核 — DRAFT → IN_REVIEW (${o.label}).`, '说明 — note for the reviewer.', false),
    [`approve${name}`]: step('APPROVE', `审核通过 — IN_REVIEW → APPROVED (reviewers; not by whoever created, last edited or submitted it).`, '意见 — review comment.', false),
    [`reject${name}`]: step('REJECT', `退回 — IN_REVIEW or APPROVED → DRAFT, with a required comment (reviewers).`, '退回意见 — what to change (required).', true),
    [`withdraw${name}`]: t.fieldWithInput({
      type: o.payload as never,
      description: `撤回 — PUBLISHED → WITHDRAWN with a reason; a withdrawn notice stays, the body is no longer served (reviewers).`,
      typeOptions: { description: `撤回输入 — the ${o.label} and the reason.` },
      input: { id, reason: t.input.string({ required: true, description: '撤回原因 — shown on the withdrawn notice.' }) },
      errors: { types: errorsOfWorkflow, union: { description: '撤回结果 — the content, or why not.' } },
      resolve: async (_r, { input }, ctx) => o.payloadOf(await o.withdraw(workflowContext(ctx), (input.id as { id: string }).id, input.reason as string)) as never,
    }),
  };
}
