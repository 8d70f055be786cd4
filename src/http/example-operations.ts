// The ready operations the playground offers, one click each: the front ends' documents in
// examples/ and the staff operations in playground/operations/. Read from the .graphql files
// themselves, so what the playground offers is what the examples' tests check against the schema.
// A file's first comment line names its group (e.g. "# 政府网站 — …"); a comment line right above
// an operation describes it, and `# variables: {…}` gives its starting variables.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

export interface ExampleOperation {
  name: string;
  kind: 'query' | 'mutation';
  /** The file's group, e.g. "政府网站" or "管理员 ADMIN". */
  group: string;
  description: string;
  /** The operation with the fragments it uses, ready to run. */
  document: string;
  /** JSON text of the starting variables ("" when none). */
  variables: string;
  /** Path of the file, from the project root. */
  source: string;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Folders read, in the order the playground lists them: staff operations first. */
export const EXAMPLE_FOLDERS = ['playground/operations', 'examples'];

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.graphql'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Comment lines (without "# ") in `text`, the stretch of source between two definitions. */
function commentsIn(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#\s?/, ''));
}

function fragmentsUsedBy(definition: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, into = new Set<string>()): Set<string> {
  visit(definition, {
    FragmentSpread(node) {
      const name = node.name.value;
      if (into.has(name) || !fragments.has(name)) return;
      into.add(name);
      fragmentsUsedBy(fragments.get(name)!, fragments, into);
    },
  });
  return into;
}

export function readOperationsFile(file: string, text = readFileSync(file, 'utf8')): ExampleOperation[] {
  const source = path.relative(root, file);
  const document = parse(text);
  const group = (commentsIn(text.split('\n')[0] ?? '')[0] ?? source).split(/\s+—\s+/)[0]!;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const operations: ExampleOperation[] = [];
  let previousEnd = 0;
  for (const definition of document.definitions) {
    const comments = commentsIn(text.slice(previousEnd, definition.loc!.start));
    // The file's heading comment is not its first definition's description.
    const own = previousEnd === 0 ? comments.slice(1) : comments;
    previousEnd = definition.loc!.end;
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'subscription') continue;
    if (!definition.name) throw new Error(`${source}: every example operation needs a name`);
    const variablesLine = own.find((c) => c.startsWith('variables:'));
    const variables = variablesLine ? JSON.stringify(JSON.parse(variablesLine.slice('variables:'.length)), null, 2) : '';
    const used = fragmentsUsedBy(definition, fragments);
    operations.push({
      name: definition.name.value,
      kind: definition.operation,
      group,
      description: own.filter((c) => !c.startsWith('variables:')).join(' '),
      document: [definition, ...[...used].map((n) => fragments.get(n)!)].map((d) => print(d)).join('\n\n'),
      variables,
      source,
    });
  }
  return operations;
}

export function readExampleOperations(folders = EXAMPLE_FOLDERS): ExampleOperation[] {
  return folders.flatMap((folder) => graphqlFiles(path.join(root, folder)).flatMap((file) => readOperationsFile(file)));
}
