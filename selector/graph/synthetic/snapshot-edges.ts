import type { GraphEdge } from "../types.js";

const SNAPSHOT = /^(.*\/)?__snapshots__\/(.+)\.snap$/;
const SNAP_FILE = /(?:^|\/)([^/]+)\.snap$/;
/** A snapshot name that keeps its test's extension (`price.test.js.snap`): matched whole. */
const NAMES_TEST_FILE = /\.[cm]?[jt]sx?$/;

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/**
 * A snapshot file belongs to its test: `dir/__snapshots__/x.test.ts.snap` to `dir/x.test.ts`. A
 * snapshot elsewhere (a Jest `snapshotResolver` or Vitest `resolveSnapshotPath` that moves them,
 * `snapshots/price.test.js.snap`) belongs to every test of that file name; one named without the
 * test's extension (`snapshots/price.snap`) to every test whose name starts with `price.`.
 */
export function snapshotEdges(
  paths: readonly string[],
  has: (path: string) => boolean,
  tests: readonly string[] = [],
): GraphEdge[] {
  const byName = new Map<string, string[]>();
  for (const test of tests) byName.set(baseName(test), [...(byName.get(baseName(test)) ?? []), test]);
  const edges: GraphEdge[] = [];
  const link = (test: string, path: string) =>
    edges.push({ from: test, to: path, kind: "snapshot", names: "*", weak: false, line: 0, via: "snapshot" });
  for (const path of paths) {
    const match = SNAPSHOT.exec(path);
    const beside = match ? `${match[1] ?? ""}${match[2]}` : undefined;
    if (beside !== undefined && has(beside)) {
      link(beside, path);
      continue;
    }
    const name = SNAP_FILE.exec(path)?.[1];
    if (name === undefined) continue;
    const owners = NAMES_TEST_FILE.test(name)
      ? (byName.get(name) ?? [])
      : tests.filter((test) => baseName(test).startsWith(`${name}.`));
    for (const test of owners) link(test, path);
  }
  return edges;
}
