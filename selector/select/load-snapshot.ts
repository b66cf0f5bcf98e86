import type { FactsCache } from "../cache/facts-cache.js";
import type { Diff } from "../diff/types.js";
import type { FileFacts } from "../extract/types.js";
import { DEFAULT_INCLUDE, isDefaultInclude } from "../policy/default-policy.js";
import { compileGlobs, includeExclude } from "../policy/match-globs.js";
import type { Policy } from "../policy/types.js";
import type { TreeEntry } from "../repo/git-tree.js";
import type { RevisionSource } from "../repo/revision-source.js";
import type { RepoSnapshot } from "../repo/types.js";
import { createResolver } from "../resolve/create-resolver.js";
import type { Resolver } from "../resolve/types.js";
import { type CollectStats, collectFacts } from "./collect-facts.js";
import { presetPaths, withLocalPresets } from "./jest-presets.js";
import { defaultTestMatcher, runnerDefaultTests } from "./runner-default-tests.js";
import { type RunnerConfigFile, readRunnerConfigs, runnerAliasSets } from "./runner-projects.js";
import { runnerSourceTestGlobs, runnerTestGlobs } from "./runner-test-globs.js";
import type { SelectionWarning } from "./types.js";

/** Small files the resolver and the rules read as text: manifests, tsconfigs, runner configs. */
const CONFIG_FILE =
  /(?:^|\/)(?:package\.json|[tj]sconfig(?:\.[^/]*)?\.json|pnpm-workspace\.yaml|(?:vitest|vite|jest)\.(?:config|workspace|projects)\.[cm]?[jt]s)$/;

/** The config files of a revision: what the snapshot reads as text besides the sources. */
export function configPaths(entries: readonly TreeEntry[]): string[] {
  return entries.map((e) => e.path).filter((p) => CONFIG_FILE.test(p) && !p.includes("node_modules/"));
}

/**
 * The policy's test globs; when it keeps the default `include`, the runners' own globs are added,
 * so a file the runner runs is never unknown to the selection (docs/decisions.md).
 */
function testMatcher(
  policy: Policy,
  repo: RepoSnapshot,
  facts: ReadonlyMap<string, FileFacts>,
): (path: string) => boolean {
  const { include, exclude } = policy.tests;
  const isDefault = isDefaultInclude(include);
  const globs = isDefault ? [...DEFAULT_INCLUDE, ...runnerTestGlobs(repo.paths, repo.readText)] : include;
  const byGlob = includeExclude(globs, exclude);
  // Jest's own defaults (`__tests__/**`) and `testRegex`, less its projects' ignore patterns.
  const jest = isDefault ? runnerDefaultTests(repo.paths, repo.readText) : undefined;
  const byJest = jest && jest.globs.length + jest.regexes.length > 0 ? defaultTestMatcher(jest) : undefined;
  const excluded = compileGlobs(exclude);
  const matches = byJest ? (path: string) => byGlob(path) || (byJest(path) && !excluded(path)) : byGlob;
  const sourceGlobs = isDefault ? runnerSourceTestGlobs(repo.paths, repo.readText) : [];
  if (sourceGlobs.length === 0) return matches;
  // In-source tests (Vitest `includeSource`): a matched file that holds `import.meta.vitest`.
  const inSource = includeExclude(sourceGlobs, exclude);
  return (path) => matches(path) || (inSource(path) && facts.get(path)?.inSourceTests === true);
}

export interface LoadedSnapshot extends RepoSnapshot {
  readonly paths: string[];
  readonly headPaths: ReadonlySet<string>;
  /** Paths that exist only at base: importers at head may still name them. */
  readonly deletedPaths: string[];
  /** Head facts, plus base facts for deleted paths. */
  readonly facts: Map<string, FileFacts>;
  /** Base facts of changed files, to map removed lines to the declarations they were in. */
  readonly baseFacts: Map<string, FileFacts>;
  readonly resolver: Resolver;
  /** The test runners' configs, read once: their aliases are in the resolver. */
  readonly runnerConfigs: RunnerConfigFile[];
  readonly isTest: (path: string) => boolean;
  readonly stats: CollectStats;
}

interface LoadInput {
  diff: Diff;
  head: RevisionSource;
  base?: RevisionSource;
  policy: Policy;
  cores?: number;
  onProgress?: (message: string) => void;
}

function baseEntriesNeeded(input: LoadInput): TreeEntry[] {
  if (!input.base) return [];
  const wanted = new Set<string>();
  for (const change of input.diff.files) {
    const basePath = change.oldPath ?? change.path;
    if (change.status === "modified" && change.baseRanges.length > 0) wanted.add(basePath);
    if (change.status === "deleted" || change.status === "renamed") wanted.add(basePath);
  }
  return input.base.entries.filter((e) => wanted.has(e.path));
}

/**
 * Everything the graph needs from the repository: the head's files and facts, base facts for the
 * changed files, config texts, the resolver configured once, and the test matcher.
 */
export async function loadSnapshot(
  input: LoadInput,
  cache: FactsCache,
  warnings: SelectionWarning[],
): Promise<LoadedSnapshot> {
  const headPaths = new Set(input.head.entries.map((e) => e.path));
  // Read by git while the facts are gathered.
  const configTexts = input.head.read(configPaths(input.head.entries));
  configTexts.catch(() => {});
  const progress = input.onProgress;
  const { facts, stats } = await collectFacts(input.head, input.head.entries, {
    cache,
    cores: input.cores ?? 1,
    ...(progress ? { onProgress: (done, total) => progress(`parsed ${done}/${total} files`) } : {}),
  });
  const baseEntries = baseEntriesNeeded(input);
  const baseFacts = input.base
    ? (await collectFacts(input.base, baseEntries, { cache, cores: 1 })).facts
    : new Map<string, FileFacts>();
  const deletedPaths = input.diff.files
    .flatMap((c) =>
      c.status === "deleted" ? [c.path] : c.status === "renamed" && c.oldPath ? [c.oldPath] : [],
    )
    .filter((path) => !headPaths.has(path));
  for (const path of deletedPaths) {
    const base = baseFacts.get(path);
    if (base) facts.set(path, base);
  }
  const texts = new Map([...(await configTexts)].map(([p, b]) => [p, b.toString("utf8")]));
  const paths = [...headPaths, ...deletedPaths];
  const all = new Set(paths);
  const repo: RepoSnapshot = { paths, has: (p) => all.has(p), readText: (p) => texts.get(p) };
  // Local Jest presets are configs under any name: read once the configs that name them are.
  const configs = readRunnerConfigs(repo);
  const presets = presetPaths(configs, all).filter((p) => !texts.has(p));
  for (const [p, b] of await input.head.read(presets)) texts.set(p, b.toString("utf8"));
  const runnerConfigs = configs.map((file) => withLocalPresets(file, all, repo.readText));
  const resolver = createResolver(repo, { runnerAliases: runnerAliasSets(runnerConfigs) });
  for (const warning of resolver.warnings?.() ?? []) {
    warnings.push({ code: "CONFIG_UNREADABLE", message: warning.message, file: warning.file });
  }
  return {
    ...repo,
    paths,
    headPaths,
    deletedPaths,
    facts,
    baseFacts,
    resolver,
    runnerConfigs,
    isTest: testMatcher(input.policy, repo, facts),
    stats,
  };
}
