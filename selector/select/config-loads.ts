import type { DependencyGraph, EdgeKind } from "../graph/types.js";
import { classifyBuiltin } from "../policy/builtin-rules.js";
import type { Resolver } from "../resolve/types.js";

/** Runner and compiler configs whose code runs before any test: what they load counts as config. */
const LOADING_CONFIG =
  /(?:^|\/)(?:(?:vitest|vite|jest)\.(?:config|workspace|projects)(?:\.[\w-]+)?\.[cm]?[jt]s|babel\.config\.[cm]?js|\.babelrc(?:\.[cm]?js)?)$/;
/** Babel names plugins and presets by path: `plugins: ["./tools/plugin.js"]`. */
const BABEL_CONFIG = /(?:^|\/)(?:babel\.config\.[\w]+|\.babelrc(?:\.[\w]+)?)$/;
const RELATIVE_LITERAL = /(["'`])(\.\.?\/[^"'`\n$]+)\1/g;

/**
 * Edges that run the target when the config loads. Not types, not a path written in a string,
 * and not `new URL("./src", import.meta.url)` or a spelled `resolve(__dirname, "src")`: a config
 * hands those to aliases and roots, which the runner-config reading follows already.
 */
const LOADED = new Set<EdgeKind>([
  "static",
  "side-effect",
  "reexport",
  "reexport-all",
  "require",
  "import-equals",
  "dynamic",
  "glob",
]);

export const isLoadingConfig = (path: string) =>
  LOADING_CONFIG.test(path) && classifyBuiltin(path)?.kind === "runner-config";

export const isBabelConfig = (path: string) => BABEL_CONFIG.test(path);

/** The relative paths a babel config spells, as the files they name (extensions probed). */
export function babelSpelledFiles(config: string, text: string, resolver: Resolver): string[] {
  if (!isBabelConfig(config)) return [];
  const files: string[] = [];
  for (const match of text.matchAll(RELATIVE_LITERAL)) {
    const found = resolver.resolve(match[2]!, config, "require");
    if (found.kind === "file") files.push(found.path);
  }
  return files;
}

/**
 * What a config loads besides itself: the modules it imports (a local Vite plugin, a shared
 * `vitest.shared.ts`), the files `extra` names (babel plugins by path), and what those import in
 * turn, and the files any of them reads with `fs` (`JSON.parse(readFileSync("./settings.json"))`:
 * their content, not their imports). A change to one is a change to the config. Each file maps to
 * how: `loaded`, or `read at <file>:<line>`.
 */
export function configLoads(
  graph: DependencyGraph,
  config: string,
  extra: readonly string[],
): Map<string, string> {
  const loads = new Map<string, string>();
  const reads = new Map<string, string>();
  const queue = [config, ...extra];
  for (const path of extra) loads.set(path, "loaded");
  while (queue.length > 0) {
    const node = graph.nodes.get(queue.shift()!);
    for (const read of node?.reads ?? []) {
      // Setup files, aliases and roots spelled as values are the config's options, read as such.
      if (read.value) continue;
      if (read.path !== config && !reads.has(read.path))
        reads.set(read.path, `read at ${node!.path}:${read.line}`);
    }
    for (const edge of node?.imports ?? []) {
      if (edge.typeOnly || !LOADED.has(edge.kind) || loads.has(edge.to) || edge.to === config) continue;
      loads.set(edge.to, "loaded");
      queue.push(edge.to);
    }
  }
  for (const [path, how] of reads) if (!loads.has(path)) loads.set(path, how);
  return loads;
}
