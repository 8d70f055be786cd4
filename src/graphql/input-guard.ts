// Limits on every input value, checked once the operation is known and before any resolver
// runs, for literals in the document and for variables alike: no string may hold a NUL or other
// control character (PostgreSQL refuses NUL in text) or a lone UTF-16 surrogate (not encodable
// as UTF-8), nor be longer than its field allows; no list may be longer than its field allows.
// A value outside them is the caller's mistake — BAD_USER_INPUT naming where it is — never an
// internal error from the database driver. Services still apply each field's precise rules.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from './errors.js';

/** Longest string any input accepts unless its field declares `extensions.maxLength`. */
export const DEFAULT_MAX_STRING_LENGTH = 10_000;
/** Most items any list input accepts unless its field declares `extensions.maxItems`. */
export const DEFAULT_MAX_LIST_ITEMS = 100;

/** Control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Limited = GraphQLArgument | GraphQLInputField;

function limitOf(def: Limited | undefined, key: 'maxLength' | 'maxItems', fallback: number): number {
  const value = def?.extensions?.[key];
  return typeof value === 'number' ? value : fallback;
}

function refuse(where: string, problem: string): GraphQLError {
  return new GraphQLError(`输入无效 — ${where}: ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: where, http: { status: 400 } },
  });
}

/** The problem with a string value, or null. */
function stringProblem(value: string, max: number): string | null {
  if (value.length > max) return `at most ${max} characters (got ${value.length})`;
  if (CONTROL.test(value)) return 'contains a control character (NUL or another character below U+0020)';
  if (!value.isWellFormed()) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

/** Checks a variable's (uncoerced) JSON value against its declared type; throws on the first problem. */
function checkValue(value: unknown, type: GraphQLInputType, def: Limited | undefined, where: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    // A single value is coerced into a one-item list by GraphQL.
    const items = Array.isArray(value) ? value : [value];
    const max = limitOf(def, 'maxItems', DEFAULT_MAX_LIST_ITEMS);
    if (items.length > max) throw refuse(where, `at most ${max} items (got ${items.length})`);
    items.forEach((item, i) => checkValue(item, nullable.ofType, def, `${where}[${i}]`));
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // coercion reports the type error
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value)) {
      const field = fields[key];
      if (field) checkValue(item, field.type, field, `${where}.${key}`);
    }
    return;
  }
  if (typeof value === 'string' && (isScalarType(nullable) || isEnumType(nullable))) {
    const problem = stringProblem(value, limitOf(def, 'maxLength', DEFAULT_MAX_STRING_LENGTH));
    if (problem) throw refuse(where, problem);
  }
}

/** Checks the literal values written in the document, with the limits of the fields they fill. */
function literalVisitor(typeInfo: TypeInfo): ASTVisitor {
  // The argument or input field whose value is being visited, innermost last.
  const stack: { def: Limited | undefined; where: string }[] = [];
  const top = () => stack[stack.length - 1];
  return {
    Argument: {
      enter(node) {
        stack.push({ def: typeInfo.getArgument() ?? undefined, where: node.name.value });
      },
      leave() {
        stack.pop();
      },
    },
    ObjectField: {
      enter(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : undefined;
        const def = named && isInputObjectType(named) ? named.getFields()[node.name.value] : undefined;
        stack.push({ def, where: `${top()?.where ?? ''}.${node.name.value}` });
      },
      leave() {
        stack.pop();
      },
    },
    ListValue(node) {
      const current = top();
      const max = limitOf(current?.def, 'maxItems', DEFAULT_MAX_LIST_ITEMS);
      if (node.values.length > max) throw refuse(current?.where ?? 'list', `at most ${max} items (got ${node.values.length})`);
    },
    StringValue(node) {
      const current = top();
      const problem = stringProblem(node.value, limitOf(current?.def, 'maxLength', DEFAULT_MAX_STRING_LENGTH));
      if (problem) throw refuse(current?.where ?? 'string', problem);
    },
  };
}

export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const typeInfo = new TypeInfo(schema);
          visit(document, visitWithTypeInfo(typeInfo, literalVisitor(typeInfo)));
          const variables = request.variables ?? {};
          for (const definition of operation.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
            if (type && name in variables) checkValue(variables[name], type, undefined, `$${name}`);
          }
        },
      };
    },
  };
}

/**
 * Validation rule: an operation type the schema does not have (`subscription`) is refused at
 * validation, as graphql-js 17 does, rather than failing in execution as an internal error.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) context.reportError(new GraphQLError(`不支持的操作类型 — this schema does not support ${node.operation} operations.`, { nodes: [node] }));
    },
  };
}
