import { runGit } from "../../selector/git/run-git.js";
import { addCommit, type CoChangeStats, emptyCoChange } from "../../selector/model/history.js";

const MARK = "\u0001commit ";

/** One commit's changed paths from `git log --name-only -z --format=%x01commit %H`. */
export function parseNameOnlyLog(output: string): { sha: string; paths: string[] }[] {
  return output
    .split(MARK)
    .filter((chunk) => chunk.trim() !== "")
    .map((chunk) => {
      const [header = "", ...rest] = chunk.split("\n");
      const paths = rest
        .join("\n")
        .split("\0")
        .map((p) => p.trim())
        .filter(Boolean);
      return { sha: header.trim(), paths };
    });
}

export interface CoChangeOptions {
  rev: string;
  commits: number;
  isTest: (path: string) => boolean;
  isSource: (path: string) => boolean;
}

/** Co-change statistics from the last `commits` non-merge commits reachable from `rev`. */
export async function readCoChange(repoDir: string, options: CoChangeOptions): Promise<CoChangeStats> {
  const output = await runGit(repoDir, [
    "log",
    "--no-merges",
    "--name-only",
    "-z",
    `--max-count=${options.commits}`,
    `--format=${MARK.replace("\u0001", "%x01")}%H`,
    options.rev,
  ]);
  const stats = emptyCoChange();
  for (const commit of parseNameOnlyLog(output)) {
    const tests = commit.paths.filter(options.isTest);
    const sources = commit.paths.filter((p) => options.isSource(p) && !options.isTest(p));
    addCommit(stats, sources, tests);
  }
  return stats;
}
