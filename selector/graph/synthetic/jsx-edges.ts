import type { Resolver } from "../../resolve/types.js";
import type { GraphEdge } from "../types.js";

const JSX_FILE = /\.[jt]sx$/;
const AUTOMATIC = new Set(["react-jsx", "react-jsxdev", "preserve", "react-native"]);

/**
 * With tsconfig `jsxImportSource`, every JSX file imports `<source>/jsx-runtime` without saying
 * so. When that runtime lives in the repository (a workspace package), it is an edge.
 */
export function jsxEdges(paths: readonly string[], resolver: Resolver): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const path of paths) {
    if (!JSX_FILE.test(path)) continue;
    const settings = resolver.jsxSettingsFor(path);
    if (!settings.jsxImportSource) continue;
    if (settings.jsx && !AUTOMATIC.has(settings.jsx)) continue;
    const runtime = settings.jsx === "react-jsxdev" ? "jsx-dev-runtime" : "jsx-runtime";
    const resolution = resolver.resolve(`${settings.jsxImportSource}/${runtime}`, path, "static");
    if (resolution.kind !== "file") continue;
    edges.push({
      from: path,
      to: resolution.path,
      kind: "jsx-runtime",
      names: "*",
      weak: false,
      line: 0,
      via: `tsconfig jsxImportSource ${settings.jsxImportSource}`,
    });
  }
  return edges;
}
