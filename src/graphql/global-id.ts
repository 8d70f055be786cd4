// Global ids: base64url("<TypeName>:<uuid>"). Decoding validates the shape, so a malformed id is
// a clear BAD_USER_INPUT error and never reaches the database as garbage.
import { badUserInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE_NAME = /^[A-Z][A-Za-z]{0,63}$/;

/** Type names that are Relay nodes; filled once the schema is built. */
const nodeTypes = new Set<string>();

export function registerNodeTypes(names: Iterable<string>): void {
  for (const name of names) nodeTypes.add(name);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  if (globalId.length > 200) throw badUserInput('标识无效 — an id is at most 200 characters.');
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  const typename = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (
    sep < 1 ||
    !TYPE_NAME.test(typename) ||
    (nodeTypes.size > 0 && !nodeTypes.has(typename)) ||
    !isUuid(id) ||
    encodeGlobalId(typename, id) !== globalId.replace(/=+$/, '')
  ) {
    throw badUserInput(`标识无效 — '${globalId.slice(0, 60)}' is not an id of this API (ids come from the \`id\` field of a node).`);
  }
  return { typename, id: id.toLowerCase() };
}
