import { runGit } from "./run-git.js";

/** The absolute `.git` directory (a linked worktree's own one), where local caches belong. */
export async function gitDir(repoDir: string): Promise<string> {
  return (await runGit(repoDir, ["rev-parse", "--absolute-git-dir"])).trim();
}

/** The absolute top directory of the working tree containing `repoDir`. */
export async function topLevel(repoDir: string): Promise<string> {
  return (await runGit(repoDir, ["rev-parse", "--show-toplevel"])).trim();
}
