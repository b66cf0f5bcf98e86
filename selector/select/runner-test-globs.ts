import {
  extractJestFromPackageJson,
  extractRunnerConfig,
  type RunnerConfig,
} from "../extract/runner-config.js";
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

/** The globs of the repository's runner configs, as `pick` takes them from each, relative to the root. */
function configGlobs(
  paths: readonly string[],
  readText: (path: string) => string | undefined,
  pick: (config: RunnerConfig) => readonly string[],
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
    addGlobs(globs, dir, pick(config));
    for (const inline of config.inline ?? []) {
      const inlineDir = underDir(dir, inline.root!);
      if (inlineDir !== undefined) addGlobs(globs, inlineDir, pick(inline));
    }
  }
  return [...globs];
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
  return configGlobs(paths, readText, (config) => config.include);
}

/**
 * Vitest's `test.includeSource` globs, relative to the root: a file they match is a test file when
 * it holds `import.meta.vitest` (in-source tests), which only its facts can tell.
 */
export function runnerSourceTestGlobs(
  paths: readonly string[],
  readText: (path: string) => string | undefined,
): string[] {
  return configGlobs(paths, readText, (config) => config.includeSource ?? []);
}
