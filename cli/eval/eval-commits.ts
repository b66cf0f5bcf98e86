import { parseNameStatusZ } from "../../selector/diff/parse-name-status.js";
import { git } from "./eval-git.js";

/** A commit to replay: its first parent and the source (non-test code) files it changed. */
export interface EvalCommit {
  sha: string;
  parent: string;
  sourceFiles: string[];
  /** Every file it changed, tests included. */
  changedFiles: string[];
}

export interface PickOptions {
  head: string;
  count: number;
  /** Only commits changing source files under these paths count (whole repository when empty). */
  paths: readonly string[];
  isSource: (path: string) => boolean;
  /** How far back to look for `count` such commits. */
  scan?: number;
}

/** Paths a `diff-tree --name-status -z` listing names (both sides of a rename). */
export function changedPaths(listing: string): string[] {
  return parseNameStatusZ(listing).flatMap((entry) =>
    entry.oldPath ? [entry.oldPath, entry.path] : [entry.path],
  );
}

/**
 * The newest `count` first-parent commits that change source files, oldest first (the order a CI
 * on the main branch saw them). A merge counts as its change against the first parent: repositories
 * that merge pull requests (valibot) have most of their changes only there.
 */
export async function pickCommits(repoDir: string, options: PickOptions): Promise<EvalCommit[]> {
  const log = await git(repoDir, [
    "rev-list",
    "--first-parent",
    `--max-count=${options.scan ?? options.count * 20}`,
    options.head,
    "--",
    ...options.paths,
  ]);
  const picked: EvalCommit[] = [];
  for (const sha of log.split("\n").filter(Boolean)) {
    if (picked.length >= options.count) break;
    const parents = (await git(repoDir, ["rev-list", "--parents", "-n", "1", sha])).trim().split(" ");
    const parent = parents[1];
    if (!parent) continue;
    const listing = await git(repoDir, [
      "diff-tree",
      "-r",
      "--no-commit-id",
      "--name-status",
      "-z",
      "-M",
      parent,
      sha,
    ]);
    const changedFiles = changedPaths(listing);
    const inScope = (path: string) =>
      options.paths.length === 0 ||
      options.paths.some((p) => path === p || path.startsWith(`${p.replace(/\/$/, "")}/`));
    const sourceFiles = changedFiles.filter((path) => options.isSource(path));
    if (!sourceFiles.some(inScope)) continue;
    picked.push({ sha, parent, sourceFiles, changedFiles });
  }
  return picked.reverse();
}
