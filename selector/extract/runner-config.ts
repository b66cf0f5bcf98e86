import { aliasesOfJson, aliasesOfModule, type RunnerAlias, type UnreadOption } from "./config-aliases.js";
import { type ConfigEntry, entriesOfJson, entriesOfModule, literalStrings } from "./config-entries.js";
import { moduleScope } from "./config-scope.js";
import { languageFor, withTree } from "./parser.js";
import { hastePlatforms, preloadedFiles, withPlatformExtensions } from "./runner-loads.js";
import type { SyntaxNode } from "./syntax.js";

/** What a test-runner config says about which files run first and where tests live. */
export interface RunnerConfig {
  /** Files the runner loads by path: setup, global setup/teardown, serializers, environments. */
  setupFiles: string[];
  include: string[];
  exclude: string[];
  /** Vitest's `test.includeSource`: files that are test files when they hold `import.meta.vitest`. */
  includeSource?: string[];
  /** Jest's `testRegex`: expressions matched against each file's path, instead of `testMatch`. */
  testRegex?: string[];
  /** Jest's `testPathIgnorePatterns`: expressions for paths that are no tests, whatever matched them. */
  testPathIgnorePatterns?: string[];
  /** Vitest projects / workspace entries and jest `projects`: globs or config paths. */
  projects: string[];
  root?: string;
  /**
   * The runner type-checks ordinary test files, not only type tests: ts-jest (jest's TypeScript
   * transform reports type errors as failures) or a vitest `typecheck.include` of its own.
   */
  typeChecks: boolean;
  /**
   * ts-jest type-checks every file it transforms, so a type error in any file a test loads fails
   * the test: set unless its options turn that off (`isolatedModules`, `diagnostics: false`,
   * `diagnostics.warnOnly`). Absent for runners that check only the test files (vitest typecheck).
   */
  checksLoadedFiles?: true;
  /**
   * Vitest's typecheck runs tsc over the test files it checks and everything they import, and a
   * type error outside the tests fails the run (`typecheck.ignoreSourceErrors` off, its default).
   */
  failsOnSourceErrors?: true;
  /** `resolve.alias`, `test.alias`, `moduleNameMapper`, in the order the runner tries them. */
  aliases: RunnerAlias[];
  /** Jest's `modulePaths` and `moduleDirectories` besides node_modules: where bare names are looked up too. */
  moduleDirs?: string[];
  /**
   * Vite's `resolve.extensions`, Jest's `moduleFileExtensions` (with their dot): the suffixes the
   * runner tries on an extensionless name, `.web.ts` as well as `.ts` (resolve/runner-aliases.ts).
   */
  extensions?: string[];
  /** Options that decide what a test loads but could not be read statically: the project keeps every test. */
  unread: UnreadOption[];
  /** Jest `preset`s given by path (`./tools/jest-preset.js`): configs of the project too (jest-presets.ts). */
  presets?: string[];
  /**
   * Inline projects with a root of their own (`test.projects: [{ root: "./web", … }]`, jest
   * `projects: [{ rootDir, … }]`): each a project of that directory. Those without one are merged in.
   */
  inline?: RunnerConfig[];
}

const SETUP_KEYS = new Set([
  "setupFiles",
  "globalSetup",
  "setupFilesAfterEnv",
  "snapshotSerializers",
  "globalTeardown",
  "snapshotResolver",
  "resolveSnapshotPath",
]);
const INCLUDE_KEYS = new Set(["include", "testMatch"]);
const EXCLUDE_KEYS = new Set(["exclude"]);
/**
 * Jest's `testMatch` names test files wherever it sits; an `include` does only inside vitest's `test`
 * (or `test.typecheck`) section, since plugins and other tools take `include` options too.
 */
const namesTestFiles = (key: string, parents: readonly string[]) =>
  key === "testMatch" || parents.includes("test");
const ROOT_KEYS = ["root", "dir", "rootDir"];
const TS_JEST = /(?:^|[/"'])ts-jest(?:$|[/"'])/;
/** Sections whose include/exclude are not test files (`coverage.include`, `optimizeDeps.include`…). */
const FOREIGN_SECTIONS = new Set([
  "coverage",
  "optimizeDeps",
  "deps",
  "build",
  "server",
  "ssr",
  "css",
  "resolve",
  "benchmark",
  "preview",
  "worker",
]);

const isRelativePath = (value: string) => /^(?:\.\.?\/|<rootDir>\/)/.test(value);
const WORKSPACE = /(?:^|\/)vitest\.(?:workspace|projects)\.[cm]?[jt]s$/;
const CONFIG =
  /(?:^|\/)(?:vitest|vite|jest)\.(?:config|workspace|projects)(?:\.[\w-]+)?\.(?:[cm]?[jt]s|json)$/;

/**
 * ts-jest options that make it compile each file alone or report nothing: it then type-checks
 * nothing. (`isolatedModules` in the tsconfig does the same in ts-jest 29.3+; not read here, so
 * such a project is taken as checking, the safe side.)
 */
function turnsTsJestCheckOff({ key, flag, parents }: ConfigEntry): boolean {
  if (key === "isolatedModules") return flag === true;
  if (key === "diagnostics") return flag === false;
  return key === "warnOnly" && parents.includes("diagnostics") && flag === true;
}

/**
 * Options that name a module by package or by path: a path (`./env.ts`, `<rootDir>/resolver.js`)
 * is a file the runner loads for every test of the project, as a setup file is. Jest's
 * `preset`, `testEnvironment`, `resolver`, `testRunner`, `testSequencer`, `runner`; Vitest's
 * `test.environment` and `test.runner`. Package names (`node`, `jsdom`) are not files.
 */
const MODULE_KEYS = new Set([
  "preset",
  "testEnvironment",
  "resolver",
  "testRunner",
  "testSequencer",
  "runner",
  "environment",
]);

/** Jest's `transform: { "\\.txt$": "<rootDir>/text-transform.js" }`: the pattern is the key. */
const isTransformEntry = (parents: readonly string[]) => parents.at(-1) === "transform";

/** Options whose unread value hides what a test loads, or which tests a project owns. */
const LOAD_KEYS = new Set([...SETUP_KEYS, ...MODULE_KEYS, ...ROOT_KEYS]);

function collect(entries: readonly ConfigEntry[]): RunnerConfig {
  const config: RunnerConfig = {
    setupFiles: [],
    include: [],
    exclude: [],
    projects: [],
    typeChecks: false,
    aliases: [],
    unread: [],
  };
  const roots = new Map<string, string>();
  let tsJest = false;
  let tsJestOff = false;
  let vitestTypecheck = false;
  let checkerOn = false;
  let ignoresSources = false;
  const platforms: string[] = [];
  for (const entry of entries) {
    const { key, values, parents, unread } = entry;
    const platform = hastePlatforms(entry);
    if (platform) {
      platforms.push(...platform);
      // A platform built at run time (`process.env.PLATFORM`) hides which files `./button` loads.
      for (const item of key === "defaultPlatform" ? (unread ?? []) : [])
        config.unread.push({ key, line: item.line, text: item.text });
      continue;
    }
    // Vite's top-level `resolve` is a foreign section but for its extensions, which decide what a name loads.
    if ((key === "extensions" && parents.join(".") === "resolve") || key === "moduleFileExtensions") {
      const dotted = values.map((v) => (v.startsWith(".") ? v : `.${v}`));
      if (dotted.length > 0) config.extensions = [...(config.extensions ?? []), ...dotted];
      continue;
    }
    if (parents.some((p) => FOREIGN_SECTIONS.has(p))) continue;
    if ((LOAD_KEYS.has(key) || isTransformEntry(parents)) && unread && !parents.includes("plugins")) {
      for (const item of unread) {
        // A transform's `[path, { options }]`: the options object names no module.
        if (isTransformEntry(parents) && item.text === "{…}") continue;
        config.unread.push({ key, line: item.line, text: item.text });
      }
    }
    if (TS_JEST.test(key) || values.some((v) => TS_JEST.test(v))) tsJest = true;
    if (turnsTsJestCheckOff(entry)) tsJestOff = true;
    if (parents.at(-1) === "typecheck" && key === "enabled" && entry.flag === true) checkerOn = true;
    if (parents.at(-1) === "typecheck" && key === "ignoreSourceErrors" && entry.flag === true)
      ignoresSources = true;
    if (values.length === 0) continue;
    if (INCLUDE_KEYS.has(key) && parents.includes("typecheck")) vitestTypecheck = true;
    if (key === "execArgv") config.setupFiles.push(...preloadedFiles(values));
    else if (SETUP_KEYS.has(key)) config.setupFiles.push(...values);
    else if (MODULE_KEYS.has(key) || isTransformEntry(parents)) {
      config.setupFiles.push(...values.filter(isRelativePath));
      if (key === "preset") config.presets = [...(config.presets ?? []), ...values.filter(isRelativePath)];
    } else if (key === "testRegex") {
      config.testRegex = [...(config.testRegex ?? []), ...values];
    } else if (key === "testPathIgnorePatterns") {
      config.testPathIgnorePatterns = [...(config.testPathIgnorePatterns ?? []), ...values];
    } else if (key === "includeSource" && parents.includes("test")) {
      config.includeSource = [...(config.includeSource ?? []), ...values];
    } else if (INCLUDE_KEYS.has(key) && namesTestFiles(key, parents)) config.include.push(...values);
    else if (EXCLUDE_KEYS.has(key)) config.exclude.push(...values);
    else if (key === "projects" || key === "workspace") config.projects.push(...values);
    else if (ROOT_KEYS.includes(key) && !roots.has(key)) roots.set(key, values[0]!);
    else if (key === "modulePaths" || key === "moduleDirectories") {
      const dirs = values.filter((v) => v !== "node_modules");
      if (dirs.length > 0) config.moduleDirs = [...(config.moduleDirs ?? []), ...dirs];
    }
  }
  if (platforms.length > 0) config.extensions = withPlatformExtensions(platforms, config.extensions);
  const root = ROOT_KEYS.map((key) => roots.get(key)).find((value) => value !== undefined);
  if (root !== undefined) config.root = root;
  const tsJestChecks = tsJest && !tsJestOff;
  config.typeChecks = tsJestChecks || vitestTypecheck;
  if (tsJestChecks) config.checksLoadedFiles = true;
  if ((vitestTypecheck || checkerOn) && !ignoresSources) config.failsOnSourceErrors = true;
  return config;
}

/**
 * An inline project with its own root stays a project of its own; one without is the config's
 * directory again, and what it loads is added to the config's.
 */
function mergeInline(config: RunnerConfig, project: RunnerConfig): void {
  if (project.root !== undefined) {
    config.inline = [...(config.inline ?? []), project];
    return;
  }
  config.setupFiles.push(...project.setupFiles);
  config.include.push(...project.include);
  if (project.includeSource)
    config.includeSource = [...(config.includeSource ?? []), ...project.includeSource];
  config.exclude.push(...project.exclude);
  config.aliases.push(...project.aliases);
  config.unread.push(...project.unread);
  if (project.moduleDirs) config.moduleDirs = [...(config.moduleDirs ?? []), ...project.moduleDirs];
  if (project.extensions) config.extensions = [...(config.extensions ?? []), ...project.extensions];
  if (project.presets) config.presets = [...(config.presets ?? []), ...project.presets];
  config.typeChecks ||= project.typeChecks;
  if (project.checksLoadedFiles) config.checksLoadedFiles = true;
}

/**
 * What a local Jest preset says, merged into the config that names it: Jest puts the preset's
 * setup files before the config's, its mappers and transforms under the config's, and reads every
 * relative path from the project's root. Exported for jest-presets.ts.
 */
export function mergePreset(config: RunnerConfig, preset: RunnerConfig, presetPath: string): void {
  config.setupFiles.push(...preset.setupFiles);
  config.aliases.push(...preset.aliases);
  config.unread.push(...preset.unread.map((item) => ({ ...item, file: item.file ?? presetPath })));
  if (preset.moduleDirs) config.moduleDirs = [...(config.moduleDirs ?? []), ...preset.moduleDirs];
  if (preset.extensions) config.extensions = [...(config.extensions ?? []), ...preset.extensions];
  config.typeChecks ||= preset.typeChecks;
  if (preset.checksLoadedFiles) config.checksLoadedFiles = true;
}

/** Strings of arrays outside any object: `export default ["packages/*"]`, `defineWorkspace([…])`. */
function workspaceEntries(node: SyntaxNode, into: string[]): string[] {
  for (const child of node.namedChildren) {
    if (child.type === "object" || child.type === "pair") continue;
    if (child.type === "array") into.push(...literalStrings(child));
    workspaceEntries(child, into);
  }
  return into;
}

/**
 * Paths and globs listed in a vitest/vite/jest config, wherever they sit in the object tree.
 * Undefined for a path that is not a runner config, or text that cannot be read.
 */
export function extractRunnerConfig(path: string, source: string): RunnerConfig | undefined {
  if (!CONFIG.test(path)) return undefined;
  return readConfigText(path, source);
}

/** A local Jest preset (`jest-preset.js`, any name): read as a config of the project that names it. */
export const extractJestPreset = (path: string, source: string) => readConfigText(path, source);

function readConfigText(path: string, source: string): RunnerConfig | undefined {
  try {
    if (path.endsWith(".json")) return fromJson(JSON.parse(source));
    const grammar = languageFor(path);
    if (!grammar) return undefined;
    return withTree(source, grammar, ({ rootNode: root }) => {
      const scope = moduleScope(root, path);
      const groups = new Map<number | undefined, ConfigEntry[]>([[undefined, []]]);
      for (const entry of entriesOfModule(root, grammar, scope)) {
        const group = groups.get(entry.project) ?? [];
        group.push(entry);
        groups.set(entry.project, group);
      }
      const [main, ...inline] = [...groups.values()].map((entries) => {
        const config = collect(entries);
        config.aliases = aliasesOfModule(entries, scope, config.unread);
        return config;
      });
      const config = main!;
      for (const project of inline) mergeInline(config, project);
      if (WORKSPACE.test(path)) config.projects.push(...workspaceEntries(root, []));
      return config;
    });
  } catch {
    // A config we cannot read adds no setup edges; the runner-config change rule still applies.
    return undefined;
  }
}

function fromJson(value: unknown): RunnerConfig {
  const config = collect(entriesOfJson(value));
  config.aliases = aliasesOfJson(value);
  return config;
}

/** The `jest` key of a package.json, or undefined when there is none or the JSON is invalid. */
export function extractJestFromPackageJson(text: string): RunnerConfig | undefined {
  try {
    const manifest: unknown = JSON.parse(text);
    if (typeof manifest !== "object" || manifest === null || !("jest" in manifest)) return undefined;
    const jest = (manifest as { jest: unknown }).jest;
    return typeof jest === "object" && jest !== null ? fromJson(jest) : undefined;
  } catch {
    return undefined;
  }
}
