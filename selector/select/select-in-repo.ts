import { join } from "node:path";
import { FactsCache } from "../cache/facts-cache.js";
import { diffRevisions, WORKTREE } from "../diff/git-diff.js";
import type { Diff } from "../diff/types.js";
import { gitDir } from "../git/git-dir.js";
import { mergeBase, resolveRevision } from "../git/merge-base.js";
import { commitSource, prefetching, type RevisionSource, worktreeSource } from "../repo/revision-source.js";
import { DEFAULT_POLICY_PATH, type LoadedPolicy, loadPolicy } from "./load-policy.js";
import { configPaths } from "./load-snapshot.js";
import { runSelection, type SelectionOutput } from "./run-selection.js";
import type { SelectionWarning } from "./types.js";

export { WORKTREE };

export interface SelectInRepoOptions {
  repoDir: string;
  base?: string;
  head: string;
  /**
   * A parsed diff to use instead of diffing base and head (head is still the tree read). With it,
   * `base` is optional and only used to place removed lines.
   */
  diff?: Diff;
  policyFile?: string;
  threshold?: number;
  granularity?: "symbol" | "file";
  /** `false`: no type checker reads the tests (SelectionInput.typeCheck). */
  typeCheck?: boolean;
  /** Parse cache file; defaults to `.git/superplane/facts.json`; `false` disables it. */
  cacheFile?: string | false;
  cores?: number;
  onProgress?: (message: string) => void;
}

export interface SelectInRepoOutput extends SelectionOutput {
  policy: LoadedPolicy;
  diff: Diff;
}

/**
 * What the selection reads of the base revision: the changed paths, both sides of a rename (those
 * absent at base are simply not listed). Listing the rest of a large tree would cost more than the change.
 */
function changedAtBase(diff: Diff): string[] {
  return [...new Set(diff.files.flatMap((c) => (c.oldPath ? [c.oldPath, c.path] : [c.path])))];
}

/** The head revision, with its config files and policy already being read while git diffs. */
async function headSource(options: SelectInRepoOptions): Promise<RevisionSource> {
  if (options.head === WORKTREE) return worktreeSource(options.repoDir);
  const head = await commitSource(options.repoDir, options.head);
  const policy = options.policyFile ? [] : [DEFAULT_POLICY_PATH];
  return prefetching(head, [...configPaths(head.entries), ...policy]);
}

async function sources(
  options: SelectInRepoOptions,
): Promise<{ diff: Diff; head: RevisionSource; base?: RevisionSource }> {
  const worktree = options.head === WORKTREE;
  // Listing head and diffing are independent git processes: run them side by side.
  const head = headSource(options);
  // Awaited below; a failure while the diff is still running must not go unhandled meanwhile.
  head.catch(() => {});
  if (options.diff) {
    const base = options.base
      ? await commitSource(options.repoDir, options.base, changedAtBase(options.diff))
      : undefined;
    return { diff: options.diff, head: await head, ...(base ? { base } : {}) };
  }
  if (!options.base) throw new Error("selectInRepo needs a base revision or a diff");
  const diff = await diffRevisions(options.repoDir, options.base, options.head);
  const baseSha =
    diff.base ?? (await mergeBase(options.repoDir, options.base, worktree ? "HEAD" : options.head));
  const base = await commitSource(options.repoDir, baseSha, changedAtBase(diff));
  return { diff, head: await head, base };
}

/** Globs of the policy that match nothing, as selection warnings at their line in the policy file. */
function policyWarnings(policy: LoadedPolicy): SelectionWarning[] {
  return (policy.warnings ?? []).map((problem) => ({
    code: "POLICY_UNMATCHED",
    message: `${problem.key}: ${problem.message}`,
    file: policy.source,
    line: problem.line,
  }));
}

/** Selection for a git repository: diff, policy at head, graph with the on-disk parse cache. */
export async function selectInRepo(options: SelectInRepoOptions): Promise<SelectInRepoOutput> {
  const started = performance.now();
  const pending = sources(options);
  // Swallowed here, rethrown by the await below.
  pending.catch(() => {});
  const cacheFile =
    options.cacheFile === false
      ? undefined
      : (options.cacheFile ?? join(await gitDir(options.repoDir), "superplane", "facts.json"));
  const cache = new FactsCache(cacheFile);
  // The cache file is read while git works, and parsed after: parsing megabytes holds the main
  // thread, which would leave each git process of the diff waiting to be answered and started.
  const cacheFiles = cache.read();
  const { diff, head, base } = await pending;
  const gitMs = performance.now() - started;
  const loadStarted = performance.now();
  const loaded = cache.take(await cacheFiles);
  const cacheLoadMs = performance.now() - loadStarted;
  const policy = await loadPolicy(head, options.policyFile);
  const output = await runSelection({
    diff,
    head,
    ...(base ? { base } : {}),
    policy: policy.policy,
    ...(policy.error ? { policyFailure: `policy invalid, running everything: ${policy.error.message}` } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.granularity ? { granularity: options.granularity } : {}),
    ...(options.typeCheck === false ? { typeCheck: false } : {}),
    cache,
    ...(loaded.error ? { cacheError: loaded.error } : {}),
    ...(options.cores ? { cores: options.cores } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // The policy's own problems first: they name lines of a file the user wrote.
  output.result.warnings.unshift(...policyWarnings(policy));
  const timings = output.result.timings;
  timings.git_ms = Math.round(gitMs);
  timings.cache_load_ms = Math.round(cacheLoadMs);
  timings.select_in_repo_ms = Math.round(performance.now() - started);
  return { ...output, policy, diff };
}

export { resolveRevision };
