import {
  extractJestFromPackageJson,
  extractRunnerConfig,
  type RunnerConfig,
} from "../extract/runner-config.js";
import { compileGlobs } from "../policy/match-globs.js";
import { dirOf } from "../resolve/repo-path.js";

/**
 * The part of Jest's default `testMatch` the default globs (`*.test.*`, `*.spec.*`) leave out: every
 * script under a `__tests__` folder, `src/__tests__/math.js` too.
 */
const TESTS_FOLDER = "**/__tests__/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}";
const JEST_CONFIG = /(?:^|\/)jest\.config\.(?:[cm]?[jt]s|json)$/;

/** How Jest finds the tests of one project: its default globs, or its `testRegex` expressions. */
export interface DefaultTests {
  /** Jest's `__tests__` default, rooted at each project without `testMatch` or `testRegex`. */
  globs: { dir: string; glob: string }[];
  /** `testRegex` with the folder it is rooted at: Jest matches it against each file's whole path. */
  regexes: { dir: string; regex: RegExp }[];
  /** `testPathIgnorePatterns` of each project: what they match is none of its tests. */
  ignores: { dir: string; regex: RegExp }[];
}

/** Each expression compiled, rooted at `dir`; one JavaScript cannot compile Jest cannot either (it fails to start). */
function compiled(dir: string, sources: readonly string[] | undefined): { dir: string; regex: RegExp }[] {
  return (sources ?? []).flatMap((source) => {
    try {
      return [{ dir, regex: new RegExp(source.replaceAll("<rootDir>", dir === "" ? "" : `/${dir}`)) }];
    } catch {
      return [];
    }
  });
}

/**
 * `node --test`'s default patterns (Node's test runner docs), with TypeScript for type stripping:
 * `test/foo.js` is a test there, which no `.test` suffix names.
 */
const NODE_TEST_DEFAULTS = [
  "**/*{.,-,_}test.{js,mjs,cjs,ts,mts,cts}",
  "**/test{-*,}.{js,mjs,cjs,ts,mts,cts}",
  "**/test/**/*.{js,mjs,cjs,ts,mts,cts}",
];
/** A script that starts Node's test runner (`node --test`, `node --import tsx --test`, `tsx --test`). */
const RUNS_NODE_TEST = /\b(?:node|tsx)\b[^;&|]*\s--test(?:\s|$|=)/;
/**
 * Mocha's default spec is `./test/*.{js,cjs,mjs}` (with `--recursive`, every folder below): `test/api.js`
 * is a test there. Taken recursively, with TypeScript for `ts-node`/`tsx` registrations; a `.mocharc`
 * spec elsewhere that no other glob names is not read (docs/decisions.md).
 */
const MOCHA_DEFAULTS = ["test/**/*.{js,cjs,mjs,ts,mts,cts}"];
const RUNS_MOCHA = /(?:^|[\s;&|(])(?:npx\s+)?mocha(?:\s|$)/;
/** `bun test` also runs `*_test.*` and `*_spec.*`, which the default globs do not name. */
const BUN_DEFAULTS = ["**/*{_test,_spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}"];
const RUNS_BUN_TEST = /\bbun\s+test\b/;
/**
 * AVA's and node-tap's defaults: `test.js`, `test-*.js`, and every script under a `test`, `tests` or
 * `__tests__` folder (AVA leaves out `_`-prefixed helpers and `fixtures`, which are kept here: a
 * superset only runs more).
 */
const AVA_TAP_DEFAULTS = [
  "**/test{-*,}.{js,cjs,mjs,ts,mts,cts}",
  "**/{test,tests,__tests__}/**/*.{js,cjs,mjs,jsx,ts,mts,cts,tsx}",
];
const RUNS_AVA_OR_TAP = /(?:^|[\s;&|(])(?:npx\s+)?(?:ava|tap)(?:\s|$)/;

/** A script that starts Jest: `jest`, or Create React App's and craco's wrappers of it. */
const RUNS_JEST = /\bjest\b|\b(?:react-scripts|craco) test\b/;

/** Runners a package's scripts may start, each with the test files it finds by its own defaults. */
const SCRIPT_RUNNERS: { starts: RegExp; globs: readonly string[] }[] = [
  { starts: RUNS_NODE_TEST, globs: NODE_TEST_DEFAULTS },
  { starts: RUNS_MOCHA, globs: MOCHA_DEFAULTS },
  { starts: RUNS_BUN_TEST, globs: BUN_DEFAULTS },
  { starts: RUNS_AVA_OR_TAP, globs: AVA_TAP_DEFAULTS },
];

const isManifest = (path: string) => path === "package.json" || path.endsWith("/package.json");

/** A package.json's fields, read once; undefined when it is not an object of JSON. */
function parseManifest(text: string): Record<string, unknown> | undefined {
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === "object" && manifest !== null
      ? (manifest as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The commands of a manifest's scripts. */
function scriptCommands(manifest: Record<string, unknown>): string[] {
  const { scripts } = manifest;
  if (typeof scripts !== "object" || scripts === null) return [];
  return Object.values(scripts).filter((command): command is string => typeof command === "string");
}

/**
 * A package whose tests Jest runs with no config of its own: it depends on Jest and a script starts
 * it. A dependency alone is not enough: a repository may keep Jest for a tool and test with Vitest.
 */
function runsJest(manifest: Record<string, unknown>, commands: readonly string[]): boolean {
  if (!commands.some((command) => RUNS_JEST.test(command))) return false;
  return ["dependencies", "devDependencies"].some((field) => {
    const deps = manifest[field];
    return typeof deps === "object" && deps !== null && ("jest" in deps || "react-scripts" in deps);
  });
}

/**
 * The Jest config a file holds: a jest.config, a manifest's `jest` section, or `{}` (Jest's defaults)
 * for a manifest whose scripts start Jest with neither.
 */
function jestConfigOf(
  path: string,
  text: string,
  manifest: Record<string, unknown> | undefined,
  commands: readonly string[],
): Partial<RunnerConfig> | undefined {
  if (JEST_CONFIG.test(path)) return extractRunnerConfig(path, text);
  if (!manifest) return undefined;
  if ("jest" in manifest) return extractJestFromPackageJson(text);
  return runsJest(manifest, commands) ? {} : undefined;
}

/**
 * The test files of the repository's Jest projects that `testMatch` globs do not name: a project
 * without `testMatch` or `testRegex` runs Jest's defaults, `__tests__/**` among them; one with
 * `testRegex` runs the files it matches. A project is a jest.config, a package.json `jest` section,
 * or a package whose scripts start Jest with neither; packages whose scripts start Node's test
 * runner, Mocha, bun, AVA or tap add those runners' defaults.
 */
export function runnerDefaultTests(
  paths: readonly string[],
  readText: (path: string) => string | undefined,
): DefaultTests {
  const out: DefaultTests = { globs: [], regexes: [], ignores: [] };
  for (const path of paths) {
    if (path.includes("node_modules/")) continue;
    const text = readText(path);
    if (text === undefined) continue;
    const manifest = isManifest(path) ? parseManifest(text) : undefined;
    const commands = manifest ? scriptCommands(manifest) : [];
    const config = jestConfigOf(path, text, manifest, commands);
    const defaults = SCRIPT_RUNNERS.filter(({ starts }) => commands.some((c) => starts.test(c))).flatMap(
      ({ globs }) => globs,
    );
    if (!config && defaults.length === 0) continue;
    const dir = dirOf(path);
    for (const glob of defaults) out.globs.push({ dir, glob: dir === "" ? glob : `${dir}/${glob}` });
    if (!config) continue;
    out.ignores.push(...compiled(dir, config.testPathIgnorePatterns));
    if (config.testRegex?.length) out.regexes.push(...compiled(dir, config.testRegex));
    else if (!config.include?.length)
      out.globs.push({ dir, glob: dir === "" ? TESTS_FOLDER : `${dir}/${TESTS_FOLDER}` });
  }
  return out;
}

const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);

/**
 * Whether Jest runs `path` as a test by its defaults or a `testRegex`, and no `testPathIgnorePatterns`
 * of its project leaves it out. Jest matches the expressions against the file's absolute path; here
 * the repository's root stands for `/`, as `<rootDir>` does for a project's folder.
 */
export function defaultTestMatcher(tests: DefaultTests): (path: string) => boolean {
  const globs = tests.globs.map(({ dir, glob }) => ({ dir, matches: compileGlobs([glob]) }));
  return (path) => {
    const test = `/${path}`;
    const matched =
      globs.some(({ dir, matches }) => under(dir, path) && matches(path)) ||
      tests.regexes.some(({ dir, regex }) => under(dir, path) && regex.test(test));
    return matched && !tests.ignores.some(({ dir, regex }) => under(dir, path) && regex.test(test));
  };
}
