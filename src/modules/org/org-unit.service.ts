// The org tree: materialised paths and tree ordering. Plain functions, no GraphQL.

/** Path of a unit under `parentPath` ("/" for a root): "/<ancestor ids…>/<id>/". */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when `path` is `ancestorPath` or lies beneath it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

interface TreeNode {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

/**
 * Orders units depth-first: each unit is followed by its subtree, siblings by sortOrder then
 * name. Units whose parent is not in the list are treated as roots (a filtered list stays usable).
 */
export function sortInTreeOrder<T extends TreeNode>(units: T[]): T[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, T[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(u);
    byParent.set(key, list);
  }
  const compare = (a: T, b: T) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
  const out: T[] = [];
  const visit = (parentId: string | null) => {
    for (const u of (byParent.get(parentId) ?? []).sort(compare)) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}
