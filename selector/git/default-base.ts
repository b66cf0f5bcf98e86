import { execGit } from "./run-git.js";

const CANDIDATES = ["origin/HEAD", "origin/main", "origin/master", "main", "master"];

async function commitOf(repoDir: string, rev: string): Promise<string | undefined> {
  const result = await execGit(repoDir, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${rev}^{commit}`,
  ]);
  const sha = result.stdout.toString("utf8").trim();
  return result.exitCode === 0 && sha !== "" ? sha : undefined;
}

async function isAncestor(repoDir: string, ancestor: string, of: string): Promise<boolean> {
  return (await execGit(repoDir, ["merge-base", "--is-ancestor", ancestor, of])).exitCode === 0;
}

/**
 * The base to compare with when none is given: the default branch, unless `head` is already
 * on it (then the diff from its merge-base would be empty), else the commit before `head`.
 * `head` may be WORKTREE, whose uncommitted work is measured from the default branch as is.
 */
export async function defaultBase(repoDir: string, head: string): Promise<string> {
  const worktree = head === "WORKTREE";
  const headSha = await commitOf(repoDir, worktree ? "HEAD" : head);
  for (const candidate of CANDIDATES) {
    const sha = await commitOf(repoDir, candidate);
    if (sha === undefined) continue;
    if (worktree || headSha === undefined || !(await isAncestor(repoDir, headSha, sha))) return candidate;
  }
  return worktree ? "HEAD" : `${head}~1`;
}
