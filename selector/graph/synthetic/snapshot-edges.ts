import type { GraphEdge } from "../types.js";

const SNAPSHOT = /^(.*\/)?__snapshots__\/(.+)\.snap$/;
const SNAP_FILE = /(?:^|\/)([^/]+)\.snap$/;
/** A snapshot name that keeps its test's extension (`price.test.js.snap`): matched whole. */
const NAMES_TEST_FILE = /\.[cm]?[jt]sx?$/;

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Tests by file name (`price.test.js`), for matching snapshots a resolver moved. */
export function testsByName(tests: readonly string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const test of tests) byName.set(baseName(test), [...(byName.get(baseName(test)) ?? []), test]);
  return byName;
}

/**
 * The tests a `.snap` file belongs to: `dir/__snapshots__/x.test.ts.snap` to `dir/x.test.ts`. A
 * snapshot elsewhere (a Jest `snapshotResolver` or Vitest `resolveSnapshotPath` that moves them,
 * `snapshots/price.test.js.snap`) belongs to every test of that file name; one named without the
 * test's extension (`snapshots/price.snap`) to every test whose name starts with `price.`. Not a
 * `.snap` file: undefined. A `.snap` no test's name matches: none (see `orphanSnapshotKeeps`).
 */
export function snapshotOwners(
  path: string,
  has: (path: string) => boolean,
  tests: readonly string[],
  byName: ReadonlyMap<string, readonly string[]> = testsByName(tests),
): readonly string[] | undefined {
  const match = SNAPSHOT.exec(path);
  const beside = match ? `${match[1] ?? ""}${match[2]}` : undefined;
  if (beside !== undefined && has(beside)) return [beside];
  const name = SNAP_FILE.exec(path)?.[1];
  if (name === undefined) return undefined;
  return NAMES_TEST_FILE.test(name)
    ? (byName.get(name) ?? [])
    : tests.filter((test) => baseName(test).startsWith(`${name}.`));
}

/** Edges from each test to the snapshot files it owns (`snapshotOwners`). */
export function snapshotEdges(
  paths: readonly string[],
  has: (path: string) => boolean,
  tests: readonly string[] = [],
): GraphEdge[] {
  const byName = testsByName(tests);
  const edges: GraphEdge[] = [];
  for (const path of paths) {
    for (const test of snapshotOwners(path, has, tests, byName) ?? [])
      edges.push({
        from: test,
        to: path,
        kind: "snapshot",
        names: "*",
        weak: false,
        line: 0,
        via: "snapshot",
      });
  }
  return edges;
}
