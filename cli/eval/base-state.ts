import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvalCommit } from "./eval-commits.js";
import { git } from "./eval-git.js";

/** The two states a commit is judged on: its sources reverted (tests as at the commit), and itself. */
export interface EvalStates {
  /** The commit with its source changes reverted. */
  base: string;
  /** A commit with the commit's own tree whose parent is `base`, so `base..head` is the source change. */
  head: string;
}

const NO_FILE = `0 ${"0".repeat(40)}`;
const IDENTITY = {
  GIT_AUTHOR_NAME: "superplane eval",
  GIT_AUTHOR_EMAIL: "eval@superplane.invalid",
  GIT_AUTHOR_DATE: "2000-01-01T00:00:00Z",
  GIT_COMMITTER_NAME: "superplane eval",
  GIT_COMMITTER_EMAIL: "eval@superplane.invalid",
  GIT_COMMITTER_DATE: "2000-01-01T00:00:00Z",
};

/** `update-index --index-info` lines that put each path back as it was at `parent` (or remove it). */
export function revertLines(paths: readonly string[], atParent: string): string {
  const entries = new Map<string, string>();
  for (const record of atParent.split("\0").filter(Boolean)) {
    const tab = record.indexOf("\t");
    const [mode, , oid] = record.slice(0, tab).split(" ");
    entries.set(record.slice(tab + 1), `${mode} ${oid}`);
  }
  return paths.map((path) => `${entries.get(path) ?? NO_FILE}\t${path}\n`).join("");
}

/**
 * Writes both states as commits, through a private index: the work tree and the real index are
 * never touched. Identical inputs give identical commit ids, so results can be cached by them.
 */
export async function evalStates(repoDir: string, commit: EvalCommit): Promise<EvalStates> {
  const dir = await mkdtemp(join(tmpdir(), "superplane-eval-index-"));
  const env = { ...IDENTITY, GIT_INDEX_FILE: join(dir, "index") };
  try {
    await git(repoDir, ["read-tree", commit.sha], { env });
    const atParent = await git(repoDir, ["ls-tree", "-r", "-z", commit.parent, "--", ...commit.sourceFiles]);
    await git(repoDir, ["update-index", "--index-info"], {
      env,
      input: revertLines(commit.sourceFiles, atParent),
    });
    const tree = (await git(repoDir, ["write-tree"], { env })).trim();
    const message = `eval: ${commit.sha} with its sources reverted`;
    const base = (
      await git(repoDir, ["commit-tree", tree, "-p", commit.parent, "-m", message], { env })
    ).trim();
    const head = (
      await git(repoDir, ["commit-tree", `${commit.sha}^{tree}`, "-p", base, "-m", `eval: ${commit.sha}`], {
        env,
      })
    ).trim();
    return { base, head };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
