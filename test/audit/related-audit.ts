import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { selectInRepo } from "../../selector/select/select-in-repo.js";

/**
 * `node build/test/audit/related-audit.js --repo DIR [--project SUBDIR] [--commits N]`
 *
 * Replays the last N commits of a real repository that touch source files and, for each, compares
 * SuperPlane's selection with `vitest related` on the same change (through Vitest's node API, as
 * `vitest list --filesOnly` does, so no test runs). A test Vitest picks and we skip is a candidate
 * miss: the audit prints every one, split into tests our graph does not reach at all (a graph miss
 * until shown otherwise) and tests it reaches only through names the change did not affect (the
 * symbol level's call: printed with the path, to be checked by reading the change). The repository's own Vitest must be resolvable from the
 * project folder (its node_modules). The checkout is moved between commits and restored at the end.
 */
interface Args {
  repo: string;
  project: string;
  commits: number;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  const repo = value("--repo");
  if (!repo) throw new Error("usage: related-audit --repo DIR [--project SUBDIR] [--commits N]");
  return {
    repo: resolve(repo),
    project: value("--project") ?? ".",
    commits: Number(value("--commits") ?? 20),
  };
}

const git = (dir: string, args: string[]) =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

interface VitestLike {
  getRelevantTestSpecifications(filters?: string[]): Promise<{ moduleId: string }[]>;
  close(): Promise<void>;
}

async function vitestRelated(projectDir: string, changed: string[]): Promise<string[]> {
  const entry = join(projectDir, "node_modules", "vitest", "dist", "node.js");
  if (!existsSync(entry)) throw new Error(`no Vitest at ${entry}: install the project's dependencies first`);
  const { createVitest } = (await import(pathToFileURL(entry).href)) as {
    createVitest(mode: "test", options: Record<string, unknown>): Promise<VitestLike>;
  };
  const vitest = await createVitest("test", { root: projectDir, related: changed, watch: false, run: true });
  try {
    const specs = await vitest.getRelevantTestSpecifications();
    return [...new Set(specs.map((s) => s.moduleId))];
  } finally {
    await vitest.close();
  }
}

interface Row {
  commit: string;
  changed: number;
  ours: number;
  theirs: number;
  total: number;
  /** Vitest picks them; our graph does not reach them. */
  missed: string[];
  /** Vitest picks them; we reach them only through unaffected names, so skip them. */
  narrowed: string[];
}

async function auditCommit(args: Args, commit: string): Promise<Row | undefined> {
  const projectDir = join(args.repo, args.project);
  const changedPaths = git(args.repo, ["diff", "--name-only", "-z", `${commit}~1`, commit])
    .split("\0")
    .filter(Boolean);
  const inProject = changedPaths.filter(
    (p) => SOURCE.test(p) && (args.project === "." || p.startsWith(`${args.project}/`)),
  );
  if (inProject.length === 0) return undefined;
  git(args.repo, ["checkout", "-q", "--detach", commit]);
  const ours = await selectInRepo({ repoDir: args.repo, base: `${commit}~1`, head: commit });
  const selected = new Set(ours.result.decisions.filter((d) => d.selected).map((d) => d.test_path));
  const byPath = new Map(ours.result.decisions.map((d) => [d.test_path, d]));
  const isNarrowed = (test: string) =>
    byPath
      .get(test)
      ?.reasons.some((r) => r.includes("only through unchanged names") || r.includes("changed types only")) ??
    false;
  const existing = inProject.map((p) => join(args.repo, p)).filter((p) => existsSync(p));
  const theirs = (await vitestRelated(projectDir, existing)).map((p) => relative(args.repo, p));
  return {
    commit: commit.slice(0, 10),
    changed: inProject.length,
    ours: selected.size,
    theirs: theirs.length,
    total: ours.result.tests_total,
    missed: theirs.filter((t) => !selected.has(t) && !isNarrowed(t)),
    narrowed: theirs
      .filter((t) => !selected.has(t) && isNarrowed(t))
      .map((t) => `${t} [${byPath.get(t)?.reasons[0]}]`),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const start = git(args.repo, ["rev-parse", "HEAD"]).trim();
  const commits = git(args.repo, [
    "log",
    "--first-parent",
    "--format=%H",
    "-n",
    String(args.commits * 3),
    "--",
    args.project,
  ])
    .split("\n")
    .filter(Boolean);
  const rows: Row[] = [];
  try {
    for (const commit of commits) {
      if (rows.length >= args.commits) break;
      const row = await auditCommit(args, commit);
      if (!row) continue;
      rows.push(row);
      console.log(
        `${row.commit}  changed ${row.changed}  ours ${row.ours}/${row.total}  vitest related ${row.theirs}` +
          (row.missed.length ? `  MISSED BY US: ${row.missed.join(", ")}` : "") +
          (row.narrowed.length ? `\n    skipped by symbol level: ${row.narrowed.join("\n    ")}` : ""),
      );
    }
  } finally {
    git(args.repo, ["checkout", "-q", "--detach", start]);
  }
  const share = (pick: (r: Row) => number) =>
    `${((rows.reduce((s, r) => s + pick(r) / Math.max(r.total, 1), 0) / Math.max(rows.length, 1)) * 100).toFixed(1)}%`;
  console.log(
    `\n${rows.length} commits; mean share selected: ours ${share((r) => r.ours)}, vitest related ${share((r) => r.theirs)}; ` +
      `commits where vitest picked a test our graph does not reach: ${rows.filter((r) => r.missed.length).length}; ` +
      `tests vitest picked that the symbol level skipped: ${rows.reduce((n, r) => n + r.narrowed.length, 0)}`,
  );
}

await main();
