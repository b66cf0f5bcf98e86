import type { Diff } from "../../selector/diff/types.js";
import { isShallow, resolveRevision } from "../../selector/git/merge-base.js";
import { execGit } from "../../selector/git/run-git.js";
import type { ChangeRange } from "../event/change-range.js";
import { diffFromCompare } from "../git/compare-diff.js";
import { ensureComparable } from "../git/fetch-history.js";
import { fetchCompare, type GithubApi } from "../github/github-api.js";

/** Where the change comes from: local git history, the compare API, or nowhere (run everything). */
export type Comparison =
  | { kind: "git"; base: string; head: string }
  | { kind: "api"; diff: Diff; head: string; base?: string }
  | { kind: "none"; reason: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Best effort: the merge-base commit alone, so deleted files and removed lines can be read. */
async function fetchCommit(repoDir: string, sha: string, log: (line: string) => void): Promise<boolean> {
  const present = await resolveRevision(repoDir, sha).then(
    () => true,
    () => false,
  );
  if (present) return true;
  const depth = (await isShallow(repoDir)) ? ["--depth=1"] : [];
  log(`git fetch --no-tags ${depth.join(" ")} origin ${sha}`);
  const result = await execGit(repoDir, ["fetch", "--no-tags", "--quiet", ...depth, "origin", sha]);
  return result.exitCode === 0;
}

async function viaApi(
  repoDir: string,
  range: ChangeRange & { base: NonNullable<ChangeRange["base"]> },
  head: string,
  api: GithubApi,
  log: (line: string) => void,
): Promise<Comparison> {
  const answer = diffFromCompare(await fetchCompare(api, range.base, head), head);
  if ("reason" in answer) return { kind: "none", reason: answer.reason };
  if (await fetchCommit(repoDir, answer.mergeBase, log))
    return { kind: "api", diff: answer.diff, head, base: answer.mergeBase };
  // Without the base, importers of a deleted or renamed file cannot be found: only a full run is safe.
  const lost = answer.diff.files.find((f) => f.status === "deleted" || f.status === "renamed");
  if (lost)
    return {
      kind: "none",
      reason: `the base commit ${answer.mergeBase} cannot be fetched and ${lost.path} was ${lost.status}`,
    };
  return { kind: "api", diff: answer.diff, head };
}

/**
 * What changed between the range's base and head. Local history first (fetching and deepening
 * a shallow clone as needed), then the compare API; a reason to run everything when neither works.
 */
export async function compareChange(
  repoDir: string,
  range: ChangeRange,
  api: GithubApi | undefined,
  log: (line: string) => void,
): Promise<Comparison> {
  if (!range.base) return { kind: "none", reason: range.fullReason ?? "there is no base to compare with" };
  const local = await ensureComparable(repoDir, range.base, range.head, log);
  if (local.ok) return { kind: "git", base: local.base, head: local.head };
  const head = await resolveRevision(repoDir, range.head).catch(() => undefined);
  if (!api || !head) {
    return {
      kind: "none",
      reason: `${local.reason}${api ? "" : " (and no github-token for the compare API)"}`,
    };
  }
  log(`local history cannot answer (${local.reason}); asking the compare API`);
  try {
    return await viaApi(repoDir, { ...range, base: range.base }, head, api, log);
  } catch (error) {
    return { kind: "none", reason: `${local.reason}; the compare API failed too: ${message(error)}` };
  }
}
