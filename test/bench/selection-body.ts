import { seeded } from "../generate/random.js";

export interface SelectionShape {
  tests: number;
  changedFiles: number;
  /** Share of tests the change reaches through the graph. */
  reachableShare: number;
}

/**
 * A `POST /v1/selection` body as the action sends it for a large repository: every test with its
 * graph features, import paths for the reached ones, in path order. Deterministic, so runs compare.
 */
export function selectionBody(repoId: string, shape: SelectionShape) {
  const { next: random, int, pick } = seeded(42);
  const changed = Array.from({ length: shape.changedFiles }, (_, i) => ({
    path: `packages/pkg-${i % 20}/src/module-${i}.ts`,
    status: "modified" as const,
  }));
  const tests = Array.from({ length: shape.tests }, (_, i) => {
    const path = `packages/pkg-${i % 20}/test/unit-${i}.test.ts`;
    if (random() >= shape.reachableShare) {
      const features = {
        reachable: false,
        distance: 0,
        symbolHit: false,
        weakOnly: false,
        changedFilesReaching: 0,
        maxFanIn: 0,
        typeTest: false,
      };
      return { path, features };
    }
    const from = pick(changed).path;
    const distance = 1 + int(4);
    const middle = Array.from(
      { length: distance - 1 },
      (_, d) => `packages/pkg-${i % 20}/src/lib-${i}-${d}.ts`,
    );
    const features = {
      reachable: true,
      distance,
      symbolHit: random() < 0.6,
      weakOnly: false,
      changedFilesReaching: 1 + int(3),
      maxFanIn: int(40),
      typeTest: false,
    };
    return { path, features, graph_path: [from, ...middle, path], used_names: ["parse", "format"] };
  });
  // In git's path order, as the action sends them (its tests come from the tree's listing).
  tests.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    repo_id: repoId,
    commit_sha: "b".repeat(40),
    base_sha: "a".repeat(40),
    changed_files: changed,
    tests,
  };
}
