// Who may introspect the schema. In production the playground's docs need it for staff, while
// anonymous and channel callers — the public internet — get no map of the API. Apollo's own
// switch is all-or-nothing and runs before the caller is known, so this decides per request,
// once the viewer is: `all` (development), `staff` (production default) or `off`.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, BREAK, type DocumentNode } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode } from './errors.js';

export type IntrospectionAccess = 'all' | 'staff' | 'off';

/** Whether the document asks for `__schema` or `__type` anywhere (fragments included); `__typename` is not introspection. */
export function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function introspectionGatePlugin(access: IntrospectionAccess): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (access === 'all') return undefined;
      return {
        async didResolveOperation({ document, contextValue, source }) {
          // Most documents name neither field: skip the walk for them.
          if (!/__(schema|type)\b/.test(source)) return;
          if (!introspects(document)) return;
          if (access === 'staff' && contextValue.viewer.kind === 'user') return;
          throw new GraphQLError(
            access === 'staff'
              ? '仅限已登录的工作人员查看接口结构 — schema introspection is for signed-in staff only.'
              : '接口结构查询已关闭 — schema introspection is turned off on this server.',
            { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
          );
        },
      };
    },
  };
}
