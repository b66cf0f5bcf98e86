import { GitError } from "../../selector/git/errors.js";
import { isShallow, mergeBase, resolveRevision } from "../../selector/git/merge-base.js";
import { execGit } from "../../selector/git/run-git.js";
import type { BaseRef } from "../event/change-range.js";

export type Comparable =
  | { ok: true; base: string; head: string; fetched: string[] }
  | { ok: false; reason: string; fetched: string[] };

/** How deep each fetch of a shallow clone goes, in turn, before giving up on local history. */
export const DEPTHS = [50, 500, 5000];

/** The local name of a base once fetched. */
export function localBase(base: BaseRef): string {
  if (base.kind === "commit") return base.sha;
  if (base.kind === "branch") return `refs/remotes/origin/${base.name}`;
  return base.rev;
}

function fetchSpec(base: BaseRef): string | undefined {
  if (base.kind === "commit") return base.sha;
  if (base.kind === "branch") return `+refs/heads/${base.name}:refs/remotes/origin/${base.name}`;
  return /^[0-9a-f]{40,64}$/.test(base.rev) ? base.rev : undefined;
}

async function tryMergeBase(repoDir: string, base: string, head: string): Promise<string | GitError> {
  try {
    await mergeBase(repoDir, base, head);
    return base;
  } catch (error) {
    if (error instanceof GitError) return error;
    throw error;
  }
}

const FETCH = ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet"];

async function fetch(repoDir: string, args: string[], log: (line: string) => void): Promise<boolean> {
  log(`git ${[...FETCH, ...args].join(" ")}`);
  const result = await execGit(repoDir, [...FETCH, ...args]);
  if (result.exitCode !== 0) log(`  failed: ${result.stderr.trim().split("\n")[0] ?? ""}`);
  return result.exitCode === 0;
}

/** Fetches the base and deepens a shallow clone until base and head share a merge-base. */
async function deepen(
  repoDir: string,
  base: BaseRef,
  headSha: string,
  log: (line: string) => void,
  fetched: string[],
): Promise<GitError | string> {
  const spec = fetchSpec(base);
  const local = localBase(base);
  let last: GitError | string = new GitError("SHALLOW_CLONE", `cannot fetch ${local}`);
  if (!(await isShallow(repoDir))) {
    // A full clone only lacks the base itself; fetching with a depth would make it shallow.
    if (spec && (await fetch(repoDir, ["origin", spec], log))) fetched.push(spec);
    return tryMergeBase(repoDir, local, headSha);
  }
  for (const depth of DEPTHS) {
    const specs = spec ? [spec, headSha] : [headSha];
    // The head may be a commit the remote does not advertise (a local merge): deepen instead.
    const ok =
      (await fetch(repoDir, [`--depth=${depth}`, "origin", ...specs], log)) ||
      (await fetch(repoDir, [`--deepen=${depth}`, "origin", ...(spec ? [spec] : [])], log));
    if (ok) fetched.push(`depth ${depth}`);
    last = await tryMergeBase(repoDir, local, headSha);
    if (typeof last === "string" || last.code === "NO_MERGE_BASE") return last;
  }
  return last;
}

/**
 * Makes `base` and `head` comparable in the checkout: fetches a missing base and deepens a
 * shallow clone (actions/checkout fetches one commit by default). Never throws on git
 * failures: the reason comes back, and the caller asks the compare API or runs everything.
 */
export async function ensureComparable(
  repoDir: string,
  base: BaseRef,
  head: string,
  log: (line: string) => void,
): Promise<Comparable> {
  const fetched: string[] = [];
  let headSha: string;
  try {
    headSha = await resolveRevision(repoDir, head);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), fetched };
  }
  let outcome = await tryMergeBase(repoDir, localBase(base), headSha);
  if (typeof outcome !== "string" && outcome.code !== "NO_MERGE_BASE" && outcome.code !== "GIT_MISSING") {
    outcome = await deepen(repoDir, base, headSha, log, fetched);
  }
  if (typeof outcome === "string") return { ok: true, base: outcome, head: headSha, fetched };
  return { ok: false, reason: outcome.message, fetched };
}
