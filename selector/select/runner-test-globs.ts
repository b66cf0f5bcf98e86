import { extractJestFromPackageJson, extractRunnerConfig } from "../extract/runner-config.js";
import { dirOf } from "../resolve/repo-path.js";
import { RUNNER_CONFIG } from "./runner-projects.js";

/** `base` joined with a relative glob; undefined when the glob climbs out of the repository. */
function underDir(base: string, glob: string): string | undefined {
  const parts = base === "" ? [] : base.split("/");
  const rest = glob.replace(/^<rootDir>\/?/, "").split("/");
  while (rest.length > 0 && (rest[0] === "." || rest[0] === ".." || rest[0] === "")) {
    const part = rest.shift();
    if (part === ".." && parts.pop() === undefined) return undefined;
  }
  return [...parts, ...rest].join("/");
}

function addGlobs(globs: Set<string>, dir: string, include: readonly string[]): void {
  for (const glob of include) {
    if (glob.startsWith("!")) continue;
    const rooted = underDir(dir, glob);
    if (rooted) globs.add(rooted);
  }
}

/**
 * The test-file globs the repository's runners declare (vitest `test.include`, jest `testMatch`),
 * rewritten relative to the repository root. A runner that runs `*.test-prop.ts` files runs them
 * whatever our default globs say; not knowing them would skip those tests without a word.
 */
export function runnerTestGlobs(
  paths: readonly string[],
  readText: (path: string) => string | undefined,
): string[] {
  const globs = new Set<string>();
  for (const path of paths) {
    const isManifest = path === "package.json" || path.endsWith("/package.json");
    if ((!isManifest && !RUNNER_CONFIG.test(path)) || path.includes("node_modules/")) continue;
    const text = readText(path);
    if (text === undefined) continue;
    const config = isManifest ? extractJestFromPackageJson(text) : extractRunnerConfig(path, text);
    if (!config) continue;
    const dir = config.root ? underDir(dirOf(path), config.root) : dirOf(path);
    if (dir === undefined) continue;
    addGlobs(globs, dir, config.include);
    for (const inline of config.inline ?? []) {
      const inlineDir = underDir(dir, inline.root!);
      if (inlineDir !== undefined) addGlobs(globs, inlineDir, inline.include);
    }
  }
  return [...globs];
}
