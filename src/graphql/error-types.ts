// The expected failures of src/errors.ts as schema types: every mutation's result union holds
// its success payload and the errors it can fail with (`... on Error { message code }`).
import { AlreadyExistsError, AppError, InputError, NotFoundError, type InputProblem } from '../errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: '错误 — an expected failure of a mutation; query `message` and `code` on any of them.',
  fields: (t) => ({
    message: t.exposeString('message', { description: '说明 — human-readable explanation.' }),
    code: t.exposeString('code', { description: '错误代码 — stable machine-readable code.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: '对象不存在 — the object does not exist or is not yours to change (the two are not distinguished).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({ what: t.exposeString('what', { description: '对象类型 — what was looked for.' }) }),
});

const InputProblemCodeEnum = builder.enumType('InputProblemCode', {
  description: '输入问题类型 — what kind of fault a field has.',
  values: {
    REQUIRED: { description: '必填 — the field is required.' },
    TOO_LONG: { description: '过长 — the value is longer than allowed.' },
    INVALID: { description: '无效 — the value breaks another rule (the message says which).' },
  },
});

const InputProblemRef = builder.objectRef<InputProblem>('InputProblem').implement({
  description: '输入问题 — one bad field of an input.',
  fields: (t) => ({
    field: t.exposeString('field', { description: '字段 — the field\'s path in the input, e.g. `title` or `attachments[2].fileId`: a form puts the message beside that control.' }),
    code: t.expose('code', { type: InputProblemCodeEnum, description: '类型 — REQUIRED, TOO_LONG or INVALID.' }),
    message: t.exposeString('message', { description: '说明 — what is wrong and what to do, Chinese first.' }),
  }),
});

builder.objectType(InputError, {
  name: 'InputError',
  description: '输入错误 — input values break rules. `problems` lists every bad field at once; `field` and `message` tell the first (or sum them up).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputError,
  fields: (t) => ({
    field: t.exposeString('field', { description: '字段 — the (first) input field at fault.' }),
    problems: t.field({ type: [InputProblemRef], description: '问题 — every bad field of the input, in the order of the input.', resolve: (e) => e.problems }),
  }),
});

builder.objectType(AlreadyExistsError, {
  name: 'AlreadyExistsError',
  description: '已存在 — a value that must be unique is taken.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof AlreadyExistsError,
  fields: (t) => ({ field: t.exposeString('field', { description: '字段 — the input field at fault.' }) }),
});

/** Success payload of mutations that return nothing but success. */
export const OkPayload = builder.objectRef<{ ok: true }>('OkPayload').implement({
  description: '成功 — the mutation succeeded.',
  fields: (t) => ({ ok: t.exposeBoolean('ok', { description: '成功 — always true.' }) }),
});
