import type { Command } from "commander";
import type { HistoryImport } from "../../contract/learning.js";
import type { CoChangeStats } from "../../selector/model/history.js";
import { resolveDatabaseUrl } from "../../service/database-url.js";
import { commandAction } from "../command-action.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { DATABASE_HELP } from "../serve-command.js";
import { readCoChange } from "./git-co-change.js";
import { testMatcherAt } from "./test-matcher.js";

export interface HistoryImportFlags {
  repo: string;
  commits: string;
  rev: string;
  apiUrl?: string;
  token?: string;
  repoId?: string;
  database?: string;
  org?: string;
  repoName?: string;
}

/** Lockfiles and docs change with everything; they say nothing about which test covers what. */
const NOT_SOURCE = /(?:^|\/)(?:package-lock\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|CHANGELOG\.md)$/;

/** The statistics in the API's shape (`POST /v1/repos/{id}/history`). */
export function historyBody(stats: CoChangeStats, commits: number): HistoryImport {
  return {
    commits,
    files: [...stats.fileCommits].map(([path, count]) => ({ path, commits: count })),
    pairs: [...stats.pairs].flatMap(([source, tests]) =>
      [...tests].map(([test, count]) => ({ source, test, count })),
    ),
  };
}

function commitsOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--commits must be a whole number, at least 1 (got ${value})`);
  return n;
}

async function sendToService(flags: HistoryImportFlags, body: HistoryImport): Promise<string> {
  if (!flags.token || !flags.repoId) throw new UsageError("--api-url needs --token and --repo-id");
  const url = `${flags.apiUrl!.replace(/\/+$/, "")}/v1/repos/${encodeURIComponent(flags.repoId)}/history`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${flags.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!response.ok) {
    throw new Error(
      `the service answered ${response.status}: ${answer.error?.message ?? "no error message"}`,
    );
  }
  return flags.repoId;
}

async function writeToDatabase(flags: HistoryImportFlags, stats: CoChangeStats, commits: number) {
  if (!flags.org || !flags.repoName) throw new UsageError("--database needs --org and --repo-name");
  // Loaded lazily so that other commands do not pay for the storage drivers at start-up.
  const { openStorage } = await import("../../service/storage/kysely-storage.js");
  const storage = await openStorage({ url: resolveDatabaseUrl(flags.database) });
  try {
    const now = new Date();
    const org = await storage.ensureOrganization(flags.org, now);
    const repo = await storage.connectRepo(org.id, flags.repoName, now);
    await storage.learning.replaceCoChange(org.id, repo.id, stats, commits, now);
    return repo.id;
  } finally {
    await storage.close();
  }
}

/**
 * `superplane history import`: which test files changed together with which source files over the
 * last N commits, stored for the repository so its models have a history signal on day one.
 */
export async function historyImportCommand(
  flags: HistoryImportFlags,
  log: (line: string) => void,
): Promise<number> {
  const commits = commitsOf(flags.commits);
  const isTest = await testMatcherAt(flags.repo, flags.rev);
  const stats = await readCoChange(flags.repo, {
    rev: flags.rev,
    commits,
    isTest,
    isSource: (path) => !NOT_SOURCE.test(path),
  });
  const body = historyBody(stats, commits);
  const repoId = flags.apiUrl
    ? await sendToService(flags, body)
    : await writeToDatabase(flags, stats, commits);
  log(
    `superplane: imported co-change of ${body.files.length} files and ${body.pairs.length} file-test pairs ` +
      `from the last ${commits} commits into ${repoId}`,
  );
  return EXIT.ok;
}

export function addHistoryCommand(root: Command, log: (line: string) => void, exit: { code: number }): void {
  root
    .command("history")
    .description("the repository's history for the learning loop")
    .command("import")
    .description("read which tests changed with which files in git and store it for the repository")
    .option("--repo <dir>", "the git repository", ".")
    .option("--commits <n>", "how many recent commits to read", "1000")
    .option("--rev <rev>", "read history back from this revision", "HEAD")
    .option("--api-url <url>", "the selection service (with --token and --repo-id)")
    .option("--token <token>", "a read+write API token")
    .option("--repo-id <id>", "the repository's id in the service")
    .option("--database <file|url>", `without --api-url, the service's database: ${DATABASE_HELP}`)
    .option("--org <name>", "with --database: the organization")
    .option("--repo-name <owner/name>", "with --database: the repository (connected when new)")
    .action(commandAction(historyImportCommand, log, exit));
}
