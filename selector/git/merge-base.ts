import { GitError, SHALLOW_FIX, unknownRevision } from "./errors.js";
import { execGit, runGit } from "./run-git.js";

/** Whether the repository is a shallow clone, where missing history explains missing commits. */
export async function isShallow(repoDir: string): Promise<boolean> {
  return (await runGit(repoDir, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
}

/** The full commit sha of `rev` (a branch, tag, sha or expression such as `HEAD~1`). */
export async function resolveRevision(repoDir: string, rev: string): Promise<string> {
  const args = ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`];
  const result = await execGit(repoDir, args);
  const sha = result.stdout.toString("utf8").trim();
  if (result.exitCode === 0 && sha !== "") return sha;
  // `--quiet` hides why; the cheap check below tells a bad name from a missing repository.
  const shallow = await isShallow(repoDir);
  throw unknownRevision(rev, shallow, new Error(result.stderr.trim() || `git ${args.join(" ")} failed`));
}

/**
 * The commit `head` forked from `base`: diffing from here leaves out what landed on the base
 * branch after the fork, as a pull request's "files changed" does.
 */
export async function mergeBase(repoDir: string, base: string, head: string): Promise<string> {
  const [baseSha, headSha] = await Promise.all([
    resolveRevision(repoDir, base),
    resolveRevision(repoDir, head),
  ]);
  if (baseSha === headSha) return baseSha;
  const args = ["merge-base", baseSha, headSha];
  const result = await execGit(repoDir, args);
  const sha = result.stdout.toString("utf8").trim();
  if (result.exitCode === 0 && sha !== "") return sha;
  const cause = new Error(result.stderr.trim() || `git merge-base exited ${result.exitCode}`);
  if (await isShallow(repoDir)) {
    throw new GitError(
      "SHALLOW_CLONE",
      `no merge base of "${base}" and "${head}" in this shallow clone; ${SHALLOW_FIX}`,
      {
        cause,
      },
    );
  }
  if (result.exitCode !== 1) {
    throw new GitError("GIT_FAILED", `git merge-base failed: ${cause.message.split("\n")[0]}`, { cause });
  }
  throw new GitError(
    "NO_MERGE_BASE",
    `"${base}" and "${head}" share no history (pick a --base the head branch was created from)`,
    { cause },
  );
}
