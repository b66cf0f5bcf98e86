import { posix } from "node:path";
import { languageFor } from "../extract/parser.js";
import { runsTarget } from "../graph/symbol-reach.js";
import { testsLoading } from "../graph/tests-loading.js";
import type { DependencyGraph } from "../graph/types.js";
import { unresolvedItems } from "../graph/unresolved-items.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { loadedBy, withoutSpecifiers } from "./computed-reads.js";
import { keep } from "./kept-tests.js";
import { lineAt } from "./text-line.js";
import type { SelectionWarning } from "./types.js";

/**
 * A script run in a child process or worker by a path nothing static tells (`new Worker(script)`,
 * `execFileSync(process.execPath, [bin])` in a helper handed the path). The path comes from code
 * that names the script: so a test that loads such a call is kept when it, or a file it loads,
 * names a script file (`"cli.mjs"`, `"./parse-worker.js"`) that loads a changed file. Keeping every
 * loader on any change was measured first: +35 tests on most of this repository's commits, for
 * worker pools whose callers name their worker with `new URL` (docs/decisions.md).
 */

/**
 * A script's path as written where a path is built (`"cli.mjs"`, `` `${root}/src/cli.mjs` ``,
 * `"scripts/bundle.ts"`): its folders, if it spells any, and its name with a script's ending.
 */
const SCRIPT_PATH = /(?<![\w./-])(\/?(?:[\w.-]+\/)*)([\w.-]+)\.(?:[cm]?[jt]sx?)(?![\w.])/g;

/** Whether `path` is the file a mention names: the same name, under the folders it spells. */
function isNamed(path: string, folders: string, name: string): boolean {
  if (stem(path) !== name) return false;
  const spelled = folders.split("/").filter((part) => part !== "" && !part.startsWith("."));
  if (spelled.length === 0) return true;
  return posix.dirname(path).split("/").slice(-spelled.length).join("/") === spelled.join("/");
}

/** Lines that are comments alone (`//`, `/*`, a doc comment's `*`), blanked so line numbers hold. */
const withoutCommentLines = (text: string) => text.replace(/^[ \t]*(?:\/\/|\/\*|\*).*$/gm, "");

const stem = (path: string) => posix.basename(path).replace(/\.[^.]*$/, "");

/** Every file from which a changed file is loaded at run time, mapped to the changed file it loads. */
function loadersOfChange(graph: DependencyGraph, changed: readonly string[]): Map<string, string> {
  const reaches = new Map<string, string>();
  const stack: string[] = [];
  for (const path of changed) {
    if (!graph.nodes.has(path) || reaches.has(path)) continue;
    reaches.set(path, path);
    stack.push(path);
  }
  while (stack.length > 0) {
    const path = stack.pop()!;
    for (const edge of graph.nodes.get(path)!.importers) {
      if (!runsTarget(edge) || reaches.has(edge.from)) continue;
      reaches.set(edge.from, reaches.get(path)!);
      stack.push(edge.from);
    }
  }
  return reaches;
}

export interface UnknownScriptsInput {
  graph: DependencyGraph;
  changedPaths: readonly string[];
  head: RevisionSource;
  forced: Map<string, string[]>;
  warnings: SelectionWarning[];
}

export async function unknownScriptKeeps(input: UnknownScriptsInput): Promise<void> {
  const { graph, forced, warnings } = input;
  const scripts = unresolvedItems(graph, (item) => item.spawned && item.computed);
  const changed = input.changedPaths.filter((path) => languageFor(path) !== undefined);
  if (scripts.length === 0 || changed.length === 0) return;
  const reaches = loadersOfChange(graph, changed);
  const byStem = new Map<string, string[]>();
  for (const path of reaches.keys()) byStem.set(stem(path), [...(byStem.get(stem(path)) ?? []), path]);
  const callers = new Map(scripts.map((script) => [script, testsLoading(graph, script.node.path)]));
  const code = new Map<string, Set<string>>();
  for (const test of new Set([...callers.values()].flat())) code.set(test, loadedBy(graph, test));
  const files = [...new Set([...code.values()].flatMap((set) => [...set]))].filter((p) => languageFor(p));
  const named = new Map<string, { script: string; line: number }>();
  for (const [file, content] of await input.head.read(files)) {
    // An import's specifier names a module it loads, not a script it runs; a comment runs nothing.
    const text = withoutCommentLines(withoutSpecifiers(content.toString("utf8")));
    for (const match of text.matchAll(SCRIPT_PATH)) {
      const folders = match[1] ?? "";
      const name = match[2]!;
      const script = byStem.get(name)?.find((path) => path !== file && isNamed(path, folders, name));
      if (!script) continue;
      named.set(file, { script, line: lineAt(text, match.index) });
      break;
    }
  }
  for (const [{ node, item }, tests] of callers) {
    let kept = 0;
    for (const test of tests) {
      const mention = [...code.get(test)!].find((file) => named.has(file));
      if (mention === undefined) continue;
      const { script, line } = named.get(mention)!;
      kept += 1;
      keep(
        forced,
        test,
        `loads ${node.path}:${item.line}, which runs a script whose path is built at run time (\`${item.specifier}\`), and ${mention}:${line} names ${script}, which loads ${reaches.get(script)}`,
      );
    }
    if (kept === 0) continue;
    warnings.push({
      code: "COMPUTED_IMPORT",
      message: `the script path \`${item.specifier}\` is built at run time: the ${kept} test(s) that load this file and name a script that loads the change are kept`,
      file: node.path,
      line: item.line,
    });
  }
}
