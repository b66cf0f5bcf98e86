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
    force(
      forced,
      test,
      `its runner type-checks what it loads (ts-jest): a type error in ${source} would fail it`,
    );
  }
}

function force(forced: Map<string, string[]>, test: string, reason: string): void {
  const reasons = forced.get(test) ?? [];
  if (!reasons.includes(reason)) reasons.push(reason);
  forced.set(test, reasons);
}

/**
 * Vitest's typecheck runs tsc over the tests it checks and all they import, and fails the run on a
 * type error in any of those files, not only in the tests. A change that makes one in a file no
 * selected test imports would go unseen: for each changed file, the checked test nearest to it
 * runs (most often one the names already select).
 */
export function forceOneCheckedLoader(
  forced: Map<string, string[]>,
  graph: DependencyGraph,
  projects: readonly RunnerProject[],
  seeds: readonly ChangeSeed[],
  typeChecked: (test: string) => boolean,
): void {
  if (!projects.some((project) => project.failsOnSourceErrors)) return;
  const changed = [...new Set(seeds.filter(touchesCode).map((seed) => seed.path))];
  if (changed.length === 0) return;
  const reach = fileReach(graph, changed);
  const checked = [...reach]
    .filter(([path]) => graph.nodes.get(path)?.isTest && typeChecked(path))
    // Any project above the test, as for typeCheckedTests: a project config merging its parent's
    // (`mergeConfig(rootConfig, …)`, zod's) inherits a typecheck this static reading cannot see.
    .filter(([path]) => projects.some((p) => p.failsOnSourceErrors && under(p.dir, path)))
    .sort(([a, x], [b, y]) => x.distance - y.distance || (a < b ? -1 : 1));
  for (const path of changed) {
    if (checked.some(([test]) => test === path)) continue;
    const nearest = checked.find(([, reached]) => reached.sources.has(path));
    if (!nearest) continue;
    force(
      forced,
      nearest[0],
      `its runner type-checks the files its tests import (vitest typecheck): a type error in ${path} would fail the run`,
    );
  }
}
