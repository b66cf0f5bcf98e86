import { ownersOf, type RunnerProject } from "../graph/synthetic/setup-edges.js";
import { snapshotOwners, testsByName } from "../graph/synthetic/snapshot-edges.js";
import { keep } from "./kept-tests.js";
import type { SelectionWarning } from "./types.js";

export interface OrphanSnapshotInput {
  /** Paths the change touched, old names of renames included. */
  changed: readonly string[];
  has: (path: string) => boolean;
  /** Every test, the deleted ones too: a snapshot deleted with its test is that test's, not an orphan. */
  allTests: readonly string[];
  /** The tests that can run (the head's). */
  tests: readonly string[];
  projects: readonly RunnerProject[];
  forced: Map<string, string[]>;
  warnings: SelectionWarning[];
}

/**
 * A changed `.snap` that no test's name matches: a snapshot resolver that renames (Jest's
 * `snapshotResolver` writing `snapshots/price_test_js.snap`, Vitest's `resolveSnapshotPath`)
 * makes it some test's, which one only running the resolver tells; or it is obsolete. Not sure
 * which, the selector keeps the tests of the project that holds the file (every test when no
 * runner config claims it), with a warning naming the file. An obsolete snapshot costs a run.
 */
export function orphanSnapshotKeeps(input: OrphanSnapshotInput): void {
  const byName = testsByName(input.allTests);
  for (const path of input.changed) {
    const owners = snapshotOwners(path, input.has, input.allTests, byName);
    if (owners === undefined || owners.length > 0) continue;
    const projects = ownersOf(input.projects, path);
    const configs = new Set(projects.map((project) => project.config));
    const where = projects.length > 0 ? [...configs].join(", ") : "the repository";
    input.warnings.push({
      code: "SNAPSHOT_UNOWNED",
      message: `${path} changed and its name matches no test (a snapshot resolver that renames, or an obsolete snapshot): the tests of ${where} are kept`,
      file: path,
    });
    const reason = `${path} changed: a snapshot whose name matches no test, kept for every test of ${where}`;
    for (const test of input.tests) {
      if (configs.size === 0 || ownersOf(input.projects, test).some((project) => configs.has(project.config)))
        keep(input.forced, test, reason);
    }
  }
}
