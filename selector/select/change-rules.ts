import type { Diff } from "../diff/types.js";
import type { FileFacts } from "../extract/types.js";
import type { ChangeSeed } from "../graph/symbol-reach.js";
import { isImported, programWideDeclarations } from "../graph/synthetic/augmentation-edges.js";
import type { DependencyGraph, GraphNode } from "../graph/types.js";
import { classifyBuiltin } from "../policy/builtin-rules.js";
import { compileGlobs } from "../policy/match-globs.js";
import type { Policy } from "../policy/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { dirOf } from "../resolve/repo-path.js";
import {
  babelSpelledFiles,
  configLoads,
  isBabelConfig,
  isLoadingConfig,
  mayBeConfigLoad,
} from "./config-loads.js";
import { unknownConfigRead } from "./config-unknown-reads.js";
import { envFileKeeps } from "./env-files.js";
import { isInertDeclaration } from "./inert-declaration.js";
import type { LoadedSnapshot } from "./load-snapshot.js";
import { lockfileImpact, textAt } from "./lockfile-impact.js";
import { classifyManifestChange } from "./manifest-change.js";
import { isPatchFile, patchImpact } from "./package-patches.js";
import type { SelectionWarning } from "./types.js";

export interface RulesInput {
  diff: Diff;
  policy: Policy;
  head: RevisionSource;
  base?: RevisionSource;
  snapshot: LoadedSnapshot;
  graph: DependencyGraph;
  tests: readonly string[];
  warnings: SelectionWarning[];
}

export interface RulesOutcome {
  fullReason?: string;
  /** Tests selected by a rule, with the rule's reasons, strongest first. */
  forced: Map<string, string[]>;
  /** Extra changed files a rule implies (a workspace's manifest stands for the workspace). */
  seeds: ChangeSeed[];
}

const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);

function changedPaths(diff: Diff): string[] {
  return [...new Set(diff.files.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])))];
}

function force(outcome: RulesOutcome, test: string, reason: string): void {
  const reasons = outcome.forced.get(test) ?? [];
  if (!reasons.includes(reason)) reasons.push(reason);
  outcome.forced.set(test, reasons);
}

/** Keeps every test under `dir` (a workspace's or a config's folder) for `reason`. */
function forceUnder(input: RulesInput, outcome: RulesOutcome, dir: string, reason: string): void {
  for (const test of input.tests) if (under(dir, test)) force(outcome, test, reason);
}

/**
 * A change that acts as a change to `config`: the tests its folder holds, or, for a config at the
 * root, the reason to run everything (returned).
 */
function forceConfigScope(input: RulesInput, outcome: RulesOutcome, config: string, reason: string) {
  const dir = dirOf(config);
  if (dir === "") return reason;
  forceUnder(input, outcome, dir, reason);
  return undefined;
}

function runAllWhen(policy: Policy, paths: readonly string[]): string | undefined {
  for (const glob of policy.run_all_when) {
    const matches = compileGlobs([glob]);
    const hit = paths.find(matches);
    if (hit) return `run_all_when "${glob}": ${hit} changed`;
  }
  return undefined;
}

function changedTests(input: RulesInput, outcome: RulesOutcome): void {
  for (const change of input.diff.files) {
    if (change.status === "deleted" || !input.snapshot.isTest(change.path)) continue;
    force(outcome, change.path, `test file ${change.status}`);
  }
}

function policyRules(input: RulesInput, outcome: RulesOutcome, paths: readonly string[]): void {
  for (const glob of input.policy.always_run) {
    const matches = compileGlobs([glob]);
    for (const test of input.tests) if (matches(test)) force(outcome, test, `always_run "${glob}"`);
  }
  for (const rule of input.policy.dependencies) {
    const hit = paths.find(compileGlobs([rule.files]));
    if (!hit) continue;
    const tests = compileGlobs([rule.tests]);
    for (const test of input.tests) {
      if (tests(test))
        force(outcome, test, `policy dependency "${rule.files}" -> "${rule.tests}": ${hit} changed`);
    }
  }
}

const AMBIENT = /\.d\.[cm]?ts$/;

async function inertDeclaration(
  input: RulesInput,
  path: string,
  facts: FileFacts | undefined,
): Promise<boolean> {
  const text =
    facts && facts.syntaxErrors > 0 ? (await input.head.read([path])).get(path)?.toString("utf8") : undefined;
  const imported = (file: string) => isImported(input.graph.nodes.get(file));
  return isInertDeclaration(path, facts, text, input.snapshot, imported);
}

/**
 * A file that declares what every file of its program sees: `declare global {}`, or, outside a
 * declaration file (ambient whatever it declares), an augmentation of a module that is no file of
 * the repository (`declare module "vue" {}`). An augmentation of a repository module reaches that
 * module's importers through its edge (augmentation-edges.ts).
 */
function declaresGlobal(node: GraphNode, resolver: RulesInput["snapshot"]["resolver"]): boolean {
  const names = programWideDeclarations(node, resolver);
  return names.includes("global") || (!AMBIENT.test(node.path) && names.length > 0);
}

/**
 * Declarations nobody imports (`globals.d.ts`, `declare global {}`, a `.ts` file augmenting a
 * package) are seen by every file their tsconfig includes: a change to one selects every test
 * that tsconfig governs.
 */
async function ambientDeclarations(input: RulesInput, outcome: RulesOutcome): Promise<void> {
  const resolver = input.snapshot.resolver;
  for (const change of input.diff.files) {
    const node = input.graph.nodes.get(change.path);
    if (!node || isImported(node)) continue;
    const global = declaresGlobal(node, resolver);
    if (!AMBIENT.test(change.path) && !global) continue;
    if (!global && (await inertDeclaration(input, change.path, node.facts))) continue;
    const tsconfig = resolver.tsconfigFor(change.path);
    const reason = `${change.path} changed: ambient declarations, seen by every file of ${tsconfig ?? "the repository"}`;
    for (const test of input.tests) {
      if (tsconfig === undefined || resolver.tsconfigFor(test) === tsconfig) force(outcome, test, reason);
    }
  }
}

/**
 * The rules that decide before the graph does: run_all_when, changed tests, always_run, policy
 * dependencies, and the built-in rules for manifests, lockfiles, tsconfigs and runner configs,
 * each narrowed to the directory it governs when it is not at the root.
 */
/**
 * Why a changed package.json widens the selection, or undefined when it cannot change a test's
 * outcome: metadata only, or dependency ranges whose installed effect a changed lockfile covering
 * the manifest already accounts for (the lockfile analysis runs for that lockfile).
 */
async function manifestReason(
  input: RulesInput,
  path: string,
  paths: readonly string[],
): Promise<string | undefined> {
  const change = classifyManifestChange(await textAt(input.base, path), await textAt(input.head, path));
  if (change.kind === "inert") return undefined;
  const lockfileCovers = paths.some((p) => classifyBuiltin(p)?.kind === "lockfile" && under(dirOf(p), path));
  if (change.kind === "dependencies" && lockfileCovers && input.base) return undefined;
  const keys = change.keys.length > 0 ? ` (${change.keys.join(", ")})` : "";
  return `${path} changed${keys}: ${classifyBuiltin(path)!.reason}`;
}

/**
 * A config another tsconfig extends is a tsconfig whatever its name (`config/base.json`, a shared
 * `@repo/typescript-config/react.json`): a change to it selects what each extending config covers,
 * everything when one sits at the root. Undefined, or the reason to run everything.
 */
function tsconfigBases(
  input: RulesInput,
  outcome: RulesOutcome,
  paths: readonly string[],
): string | undefined {
  const resolver = input.snapshot.resolver;
  const extending = paths.flatMap((path) =>
    (resolver.extendedBy?.(path) ?? []).map((config) => ({ path, config })),
  );
  for (const { path, config } of extending) {
    const full = forceConfigScope(
      input,
      outcome,
      config,
      `${path} changed: extended by ${config}: ${classifyBuiltin(config)!.reason}`,
    );
    if (full) return full;
  }
  return undefined;
}

/**
 * A change to a module a runner or babel config loads (a local Vite or babel plugin, a shared
 * config helper) is a change to that config: the tests it governs run, everything at the root.
 * The configs themselves are left to the built-in rule.
 */
async function configModules(
  input: RulesInput,
  outcome: RulesOutcome,
  paths: readonly string[],
): Promise<string | undefined> {
  const changed = paths.filter(mayBeConfigLoad);
  if (changed.length === 0) return undefined;
  const configs = input.snapshot.paths.filter(isLoadingConfig);
  const texts = await input.head.read(configs.filter(isBabelConfig));
  for (const config of configs) {
    const text = texts.get(config)?.toString("utf8") ?? "";
    const loads = configLoads(input.graph, config, babelSpelledFiles(config, text, input.snapshot.resolver));
    const hit = changed.find((path) => loads.has(path));
    if (hit === undefined) {
      const full = await unknownReadScope(input, outcome, config, [config, ...loads.keys()], paths);
      if (full) return full;
      continue;
    }
    const how = loads.get(hit) === "loaded" ? `loaded by ${config}` : `${loads.get(hit)}, config ${config}`;
    const reason = `${hit} changed: ${how}: ${classifyBuiltin(config)!.reason}`;
    const full = forceConfigScope(input, outcome, config, reason);
    if (full) return full;
  }
  return undefined;
}

/** A config's read of a path built at run time, when a changed file it may read is named: its scope, with a warning. */
async function unknownReadScope(
  input: RulesInput,
  outcome: RulesOutcome,
  config: string,
  files: readonly string[],
  paths: readonly string[],
): Promise<string | undefined> {
  const read = await unknownConfigRead(input.graph, input.head, files, paths);
  if (!read) return undefined;
  const { mention } = read;
  input.warnings.push({
    code: "COMPUTED_READ",
    message: `the config ${config} reads a path built at run time (\`${read.specifier}\`), and ${mention.file}:${mention.line} names ${read.path}, which changed: the config's tests are kept`,
    file: read.file,
    line: read.line,
  });
  const reason = `${read.path} changed: ${read.file}:${read.line} may read it (a path built at run time; ${mention.file}:${mention.line} names it), config ${config}: ${classifyBuiltin(config)!.reason}`;
  return forceConfigScope(input, outcome, config, reason);
}

export async function applyChangeRules(input: RulesInput): Promise<RulesOutcome> {
  const outcome: RulesOutcome = { forced: new Map(), seeds: [] };
  const paths = changedPaths(input.diff);
  const full = runAllWhen(input.policy, paths);
  if (full) return { ...outcome, fullReason: full };
  changedTests(input, outcome);
  policyRules(input, outcome, paths);
  await ambientDeclarations(input, outcome);
  await envFileKeeps(input, outcome, paths);
  const extendedFull = tsconfigBases(input, outcome, paths);
  if (extendedFull) return { ...outcome, fullReason: extendedFull };
  const configFull = await configModules(input, outcome, paths);
  if (configFull) return { ...outcome, fullReason: configFull };
  for (const path of paths) {
    const patch = isPatchFile(path) ? await patchImpact(input, path) : undefined;
    if (patch?.fullReason) return { ...outcome, fullReason: patch.fullReason };
    for (const { dir: wsDir, reason } of patch?.workspaces ?? []) forceUnder(input, outcome, wsDir, reason);
    const builtin = classifyBuiltin(path);
    if (!builtin) continue;
    const dir = dirOf(path);
    if (builtin.kind === "workflow") {
      if (!input.policy.run_all_on_workflow_change) continue;
      const off = "policy run_all_on_workflow_change: false turns this off";
      return { ...outcome, fullReason: `${path} changed: ${builtin.reason} (${off})` };
    }
    if (builtin.kind === "lockfile") {
      const impact = await lockfileImpact(input, path);
      if (impact.fullReason) return { ...outcome, fullReason: impact.fullReason };
      for (const { dir: wsDir, reason } of impact.workspaces)
        forceUnder(input, outcome, wsDir, `${path}: ${reason}`);
      continue;
    }
    const reason =
      builtin.kind === "manifest"
        ? await manifestReason(input, path, paths)
        : `${path} changed: ${builtin.reason}`;
    if (reason === undefined) continue;
    const full = forceConfigScope(input, outcome, path, reason);
    if (full) return { ...outcome, fullReason: full };
    if (builtin.kind === "manifest") {
      // A workspace's manifest can change its exports or dependencies: every file of it counts as changed.
      for (const file of input.snapshot.paths) {
        if (under(dir, file)) outcome.seeds.push({ path: file, fileLevel: true, locals: [], exports: [] });
      }
    }
  }
  return outcome;
}
