import { GitError } from "../git/errors.js";
import { topLevel } from "../git/git-dir.js";
import { mergeBase, resolveRevision } from "../git/merge-base.js";
import { runGit } from "../git/run-git.js";
import { mergeDiffListings } from "./merge-diff-listings.js";
import { parseNameStatusZ, parseNumstatZ } from "./parse-name-status.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import type { Diff, FileChange } from "./types.js";
import { untrackedFiles } from "./untracked-files.js";

/** The `head` that means the working tree: committed, staged, unstaged and untracked work. */
export const WORKTREE = "WORKTREE";

/**
 * Flags for every diff run here. Each pins something a user's git config could change:
 * rename and copy detection, colour, external diff and textconv drivers, `diff.relative`,
 * and `diff.noPrefix`/`diff.mnemonicPrefix` (the patch parser expects `a/` and `b/`).
 */
const PINNED = [
  "-M",
  "-C",
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--no-relative",
  "--src-prefix=a/",
  "--dst-prefix=b/",
];

async function gitViews(repoDir: string, from: string, to: string[]) {
  const run = (format: string[]) => runGit(repoDir, ["diff", ...format, ...PINNED, from, ...to, "--"]);
  const [patch, nameStatus, numstat] = await Promise.all([
    run(["-U0"]),
    run(["--name-status", "-z"]),
    run(["--numstat", "-z"]),
  ]);
  try {
    return {
      patch: parseUnifiedDiff(patch),
      nameStatus: parseNameStatusZ(nameStatus),
      numstat: parseNumstatZ(numstat),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GitError("GIT_FAILED", `could not read git diff output: ${message}`, { cause: error });
  }
}

/** Changed files between `from` and `to` (a commit, or the working tree when `to` is empty). */
async function diffFiles(repoDir: string, from: string, to: string[]): Promise<FileChange[]> {
  const views = await gitViews(repoDir, from, to);
  const { files, unmatched } = mergeDiffListings(views.nameStatus, views.numstat, views.patch);
  if (unmatched.length > 0) {
    // Ranges missing for a listed file would read as "no lines changed": refuse instead.
    throw new GitError(
      "GIT_FAILED",
      `git diff listed ${JSON.stringify(unmatched[0])} but its patch could not be matched`,
    );
  }
  return files;
}

/**
 * What `head` changed since it forked from `base`: the diff from merge-base(base, head) to
 * head, so commits that landed on the base branch afterwards are left out. `head` may be
 * WORKTREE for uncommitted work, untracked files included.
 */
export async function diffRevisions(repoDir: string, base: string, head: string): Promise<Diff> {
  const worktree = head === WORKTREE;
  const headRev = worktree ? "HEAD" : head;
  const [headSha, forkPoint] = await Promise.all([
    resolveRevision(repoDir, headRev),
    mergeBase(repoDir, base, headRev),
  ]);
  if (!worktree) {
    const files = forkPoint === headSha ? [] : await diffFiles(repoDir, forkPoint, [headSha]);
    return { base: forkPoint, head: headSha, files };
  }
  const [tracked, untracked] = await Promise.all([
    diffFiles(repoDir, forkPoint, []),
    topLevel(repoDir).then(untrackedFiles),
  ]);
  const listed = new Set(tracked.map((change) => change.path));
  return {
    base: forkPoint,
    head: WORKTREE,
    files: [...tracked, ...untracked.filter((c) => !listed.has(c.path))],
  };
}
