import { fileReach } from "../graph/file-reach.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import type { DependencyGraph } from "../graph/types.js";

const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);

/** The project that runs a test: the one whose directory is nearest above it. */
function ownerOf(projects: readonly RunnerProject[], test: string): RunnerProject | undefined {
  let owner: RunnerProject | undefined;
  for (const project of projects) {
    if (under(project.dir, test) && (!owner || project.dir.length > owner.dir.length)) owner = project;
  }
  return owner;
}

/** A seed that changes anything at all: comments and layout alone touch nothing a checker reads. */
const touchesCode = (seed: ChangeSeed) =>
  seed.fileLevel ||
  seed.evaluates === true ||
  seed.locals.length > 0 ||
  seed.exports.length > 0 ||
  (seed.starLines?.length ?? 0) > 0;

/**
 * ts-jest type-checks every file it transforms and fails the test on a type error in any of them,
 * and a type error a change makes can show in the changed file or in any file using its types.
 * Until a type check of the change can prove it makes none, every test of such a project that
 * reaches a changed file at all (through type-only imports too) is kept, whatever names it uses.
 */
export function forceTypeCheckedLoads(
  forced: Map<string, string[]>,
  graph: DependencyGraph,
  projects: readonly RunnerProject[],
  seeds: readonly ChangeSeed[],
  tests: readonly string[],
): void {
  if (!projects.some((project) => project.checksLoadedFiles)) return;
  const changed = [...new Set(seeds.filter(touchesCode).map((seed) => seed.path))];
  if (changed.length === 0) return;
  const reach = fileReach(graph, changed);
  for (const test of tests) {
    const reached = reach.get(test);
    if (!reached || !ownerOf(projects, test)?.checksLoadedFiles) continue;
    const source = [...reached.sources].sort()[0]!;
    const reason = `its runner type-checks what it loads (ts-jest): a type error in ${source} would fail it`;
    const reasons = forced.get(test) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    forced.set(test, reasons);
  }
}
