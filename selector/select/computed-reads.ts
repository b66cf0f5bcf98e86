import { languageFor } from "../extract/parser.js";
import { runsTarget } from "../graph/symbol-reach.js";
import { testsLoading } from "../graph/tests-loading.js";
import type { DependencyGraph } from "../graph/types.js";
import { type UnresolvedAt, unresolvedItems } from "../graph/unresolved-items.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { keep } from "./kept-tests.js";
import { lineAt } from "./text-line.js";
import type { SelectionWarning } from "./types.js";

/**
 * Files read with `fs` through a path nothing static tells (`readFileSync(file)` in a helper that
 * is handed the path). Such a read can name a changed file that no import or static read reaches:
 * a fixture, a data file, a module read as text. The path is handed in by code that names the file
 * somewhere: its name (`"expected.txt"`) or its folder's (`"fixtures"`, a folder that is listed).
 * So a test that loads such a read is kept when it, or a file it loads, mentions a changed file
 * no edge reaches; the warning names the read and the mention. A file whose name is built from
 * pieces no source spells is the form this cannot see (docs/decisions.md).
 */

type UnknownRead = UnresolvedAt;

/** A changed file only a run-time read can reach: not code, or a module nothing imports (a test is run, not read). */
export function readOnly(graph: DependencyGraph, path: string): boolean {
  if (languageFor(path) === undefined) return true;
  const node = graph.nodes.get(path);
  return !node || (!node.isTest && node.importers.length === 0);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A name as a whole path piece: between quotes or slashes (`"fixtures"`, `"a/b.txt"`, `/cases/`). */
const piece = (name: string) => new RegExp(`(?<=["'\`/])${escapeRegExp(name)}(?=["'\`/])`);

/**
 * Whether a file's text names a changed file: its name with its folder's (`"fixtures"` and
 * `"expected.txt"`, or `"fixtures/expected.txt"`), or its folder with the folder above (a listed
 * folder: `"fixtures"`, `"cases"`). A file at the root is named by its name, a folder at the root
 * by its own: names like `package.json` or `README.md` deeper down are too common to say which.
 */
export function namer(path: string): (text: string) => RegExp | undefined {
  const parts = path.split("/");
  const [name, folder, above] = [parts.at(-1)!, parts.at(-2), parts.at(-3)];
  const groups = [
    [name, folder],
    [folder, above],
  ].map((group) => group.filter((part): part is string => part !== undefined).map(piece));
  return (text) => {
    for (const group of groups) {
      if (group.length === 0 || !group.every((pattern) => pattern.test(text))) continue;
      return group[0];
    }
    return undefined;
  };
}

/** Module specifiers name modules, not files read: `from "../state/x.js"` says nothing of `state/`. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'`])[^"'`\n]*\2/g;
export const withoutSpecifiers = (text: string) => text.replace(SPECIFIER, "$1$2$2");

/** Where a test's code is: the test and every file it loads (that code builds the paths it reads). */
export function loadedBy(graph: DependencyGraph, test: string): Set<string> {
  const seen = new Set([test]);
  const stack = [test];
  while (stack.length > 0) {
    for (const edge of graph.nodes.get(stack.pop()!)?.imports ?? []) {
      if (!runsTarget(edge) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return seen;
}

/** The first line of `text` that matches, 1-based. */
function lineMatching(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

export interface ComputedReadsInput {
  graph: DependencyGraph;
  changedPaths: readonly string[];
  head: RevisionSource;
  forced: Map<string, string[]>;
  warnings: SelectionWarning[];
}

export async function computedReadKeeps(input: ComputedReadsInput): Promise<void> {
  const { graph, forced, warnings } = input;
  const changed = input.changedPaths.filter((path) => readOnly(graph, path));
  if (changed.length === 0) return;
  const reads = unresolvedItems(graph, (item) => item.read);
  if (reads.length === 0) return;
  const readersOf = new Map(reads.map((read) => [read, testsLoading(graph, read.node.path)]));
  const tests = new Set([...readersOf.values()].flat());
  const code = new Map<string, Set<string>>();
  for (const test of tests) code.set(test, loadedBy(graph, test));
  const sources = await input.head.read(
    [...new Set([...code.values()].flatMap((files) => [...files]))].filter((p) => languageFor(p)),
  );
  const texts = new Map(
    [...sources].map(([path, content]) => [path, withoutSpecifiers(content.toString("utf8"))]),
  );
  for (const path of changed) {
    const names = namer(path);
    const mentions = new Map<string, number>();
    for (const [file, text] of texts) {
      const pattern = names(text);
      const line = pattern ? lineMatching(text, pattern) : undefined;
      if (line !== undefined) mentions.set(file, line);
    }
    if (mentions.size === 0) continue;
    const kept = new Set<string>();
    let first: UnknownRead | undefined;
    for (const [read, readers] of readersOf) {
      for (const test of readers) {
        if (kept.has(test)) continue;
        const mention = [...code.get(test)!].find((file) => mentions.has(file));
        if (mention === undefined) continue;
        first ??= read;
        kept.add(test);
        keep(
          forced,
          test,
          `loads ${read.node.path}:${read.item.line}, which reads a path built at run time (\`${read.item.specifier}\`), and ${mention}:${mentions.get(mention)} names ${path}: it may read it`,
        );
      }
    }
    if (!first) continue;
    warnings.push({
      code: "COMPUTED_READ",
      message: `${path} is reached by no import, and the path read here (\`${first.item.specifier}\`) is built at run time: the ${kept.size} test(s) that load a read like it and name ${path} are kept`,
      file: first.node.path,
      line: first.item.line,
    });
  }
}

/**
 * Tests that load a file which reads a changed file with `fs` by a path its own code gives
 * (`readFileSync(join(__dirname, "fixtures", "a.json"))`, a listed folder): they are kept with the
 * read's file and line. Reading a file takes its content, not its imports: no transitive reach.
 */
export function staticReadKeeps(
  graph: DependencyGraph,
  changedPaths: readonly string[],
  forced: Map<string, string[]>,
): void {
  const changed = new Set(changedPaths);
  for (const node of graph.nodes.values()) {
    if (node.deleted) continue;
    const hit = node.reads?.find((read) => changed.has(read.path));
    if (!hit) continue;
    for (const test of testsLoading(graph, node.path)) {
      keep(forced, test, `${node.path}:${hit.line} reads ${hit.path}, which changed`);
    }
  }
}
