import { join } from "node:path";
import { FactsCache } from "../cache/facts-cache.js";
import { diffRevisions, WORKTREE } from "../diff/git-diff.js";
import type { Diff } from "../diff/types.js";
import { gitDir } from "../git/git-dir.js";
import { mergeBase, resolveRevision } from "../git/merge-base.js";
import { commitSource, type RevisionSource, worktreeSource } from "../repo/revision-source.js";
import { type LoadedPolicy, loadPolicy } from "./load-policy.js";
import { runSelection, type SelectionOutput } from "./run-selection.js";

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
  /** Parse cache file; defaults to `.git/superplane/facts.json`; `false` disables it. */
  cacheFile?: string | false;
  cores?: number;
  onProgress?: (message: string) => void;
}

export interface SelectInRepoOutput extends SelectionOutput {
  policy: LoadedPolicy;
  diff: Diff;
}

async function sources(
  options: SelectInRepoOptions,
): Promise<{ diff: Diff; head: RevisionSource; base?: RevisionSource }> {
  const worktree = options.head === WORKTREE;
  // Listing head and diffing are independent git processes: run them side by side.
  const headSource = worktree ? worktreeSource(options.repoDir) : commitSource(options.repoDir, options.head);
  if (options.diff) {
    const base = options.base ? await commitSource(options.repoDir, options.base) : undefined;
    return { diff: options.diff, head: await headSource, ...(base ? { base } : {}) };
  }
  if (!options.base) throw new Error("selectInRepo needs a base revision or a diff");
  const [head, diff] = await Promise.all([
    headSource,
    diffRevisions(options.repoDir, options.base, options.head),
  ]);
  const baseSha =
    diff.base ?? (await mergeBase(options.repoDir, options.base, worktree ? "HEAD" : options.head));
  return { diff, head, base: await commitSource(options.repoDir, baseSha) };
}

/** Selection for a git repository: diff, policy at head, graph with the on-disk parse cache. */
export async function selectInRepo(options: SelectInRepoOptions): Promise<SelectInRepoOutput> {
  const pending = sources(options);
  // Swallowed here, rethrown by the await below: the cache loads while git works.
  pending.catch(() => {});
  const cacheFile =
    options.cacheFile === false
      ? undefined
      : (options.cacheFile ?? join(await gitDir(options.repoDir), "superplane", "facts.json"));
  const cache = new FactsCache(cacheFile);
  const loaded = cache.load();
  const { diff, head, base } = await pending;
  const policy = await loadPolicy(head, options.policyFile);
  const output = await runSelection({
    diff,
    head,
    ...(base ? { base } : {}),
    policy: policy.policy,
    ...(policy.error ? { policyFailure: `policy invalid, running everything: ${policy.error.message}` } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.granularity ? { granularity: options.granularity } : {}),
    cache,
    ...(loaded.error ? { cacheError: loaded.error } : {}),
    ...(options.cores ? { cores: options.cores } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...output, policy, diff };
}

export { resolveRevision };
