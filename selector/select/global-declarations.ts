import type { ChangeSeed } from "../graph/symbol-reach.js";
import { isImported, programWideDeclarations } from "../graph/synthetic/augmentation-edges.js";
import type { DependencyGraph } from "../graph/types.js";
import type { Resolver } from "../resolve/types.js";
import { keep } from "./kept-tests.js";

export interface GlobalDeclarationInput {
  forced: Map<string, string[]>;
  graph: DependencyGraph;
  seeds: readonly ChangeSeed[];
  tests: readonly string[];
  /** Whether a type checker reads the test (ts-jest, a Vitest typecheck). */
  typeChecked: (test: string) => boolean;
  resolver: Resolver;
}

const spelled = (name: string) => (name === "global" ? "declare global" : `declare module "${name}"`);

/**
 * A `declare global {}` (or an augmentation of a package) in a file some module imports: the graph
 * follows the file to the tests that load it, but a type checker sees the declaration in every
 * file its tsconfig includes (ts-jest's program holds them all), so a test that never loads the
 * file still fails its check when a global's type changes. A change touching such a declaration
 * keeps every type-checked test of that tsconfig. A file nobody imports is the rules' (every test
 * of the tsconfig, change-rules.ts); a change elsewhere in the file is the graph's.
 */
export function forceGlobalDeclarations(input: GlobalDeclarationInput): void {
  for (const seed of input.seeds) {
    const node = input.graph.nodes.get(seed.path);
    if (!node || node.deleted || !isImported(node)) continue;
    const touched = programWideDeclarations(node, input.resolver).filter(
      (name) => seed.fileLevel || seed.locals.includes(name),
    );
    if (touched.length === 0) continue;
    const tsconfig = input.resolver.tsconfigFor(seed.path);
    const reason = `${seed.path} changed its \`${spelled(touched[0]!)}\`: types every file of ${tsconfig ?? "the repository"} sees, and its runner type-checks`;
    for (const test of input.tests) {
      if (!input.typeChecked(test)) continue;
      if (tsconfig === undefined || input.resolver.tsconfigFor(test) === tsconfig)
        keep(input.forced, test, reason);
    }
  }
}
