import type { GraphEdge } from "../types.js";

const SNAPSHOT = /^(.*\/)?__snapshots__\/(.+)\.snap$/;

/** A snapshot file belongs to its test: `dir/__snapshots__/x.test.ts.snap` to `dir/x.test.ts`. */
export function snapshotEdges(paths: readonly string[], has: (path: string) => boolean): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const path of paths) {
    const match = SNAPSHOT.exec(path);
    if (!match) continue;
    const test = `${match[1] ?? ""}${match[2]}`;
    if (!has(test)) continue;
    edges.push({ from: test, to: path, kind: "snapshot", names: "*", weak: false, line: 0, via: "snapshot" });
  }
  return edges;
}
