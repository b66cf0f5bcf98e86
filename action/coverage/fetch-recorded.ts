import type { CoverageRecord } from "../../selector/coverage/types.js";
import { isShallow } from "../../selector/git/merge-base.js";
import { execGit } from "../../selector/git/run-git.js";
import { readBlobs } from "../../selector/repo/git-tree.js";

/**
 * Fetches the commits whose files the records name when the checkout lacks them (a depth-1
 * clone has only the commits it compares). Best effort: a record whose files stay missing cannot
 * clear its test, so the cost of failing is only a test that runs. Answers what it fetched.
 */
export async function fetchRecordedCommits(
  repoDir: string,
  records: readonly CoverageRecord[],
  log: (line: string) => void,
): Promise<string[]> {
  const blobs = [...new Set(records.flatMap((r) => r.files.map((f) => f.blob)))];
  const present = await readBlobs(repoDir, blobs);
  const commits = [
    ...new Set(
      records.flatMap((r) => (r.commit && r.files.some((f) => !present.has(f.blob)) ? [r.commit] : [])),
    ),
  ];
  if (commits.length === 0) return [];
  const depth = (await isShallow(repoDir)) ? ["--depth=1"] : [];
  const args = ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet", ...depth, "origin", ...commits];
  log(`coverage: git ${args.join(" ")}`);
  const result = await execGit(repoDir, args);
  if (result.exitCode !== 0) {
    log(`  failed: ${result.stderr.trim().split("\n")[0] ?? ""} (those tests keep the graph's decision)`);
    return [];
  }
  return commits;
}
