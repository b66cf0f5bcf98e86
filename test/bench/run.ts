import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UNITS_VERSION } from "../../selector/coverage/types.js";
import { generateRepo, git } from "../generate/generate-repo.js";
import { benchAction } from "./action-bench.js";
import { benchBlocking } from "./blocking-bench.js";
import { benchDashboard } from "./dashboard-bench.js";
import { median, runCli } from "./measure.js";
import { benchOrg } from "./org-bench.js";
import { parseFloor } from "./parse-floor.js";
import { benchResolver } from "./resolver-bench.js";
import { benchService } from "./service-bench.js";
import { benchWire } from "./wire-bench.js";
import { zodRepo } from "./zod-repo.js";

/**
 * `npm run bench`: the selector on a generated 10,000-file monorepo and on zod's real sources.
 * Prints, from one run: the tree-sitter floor (read + parse), the cold graph build, the warm
 * select after a one-file change, their throughput, ratios and peak memory. Medians of RUNS.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** `npm run bench -- --only NAME[,NAME]` runs a subset; names are the keys of SECTIONS below. */
const only = onlyArgument(process.argv.slice(2));

function onlyArgument(args: string[]): Set<string> | undefined {
  const at = args.indexOf("--only");
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (!value) throw new Error("--only needs a section name, e.g. --only selector");
  return new Set(value.split(","));
}
const MiB = 1024 * 1024;

function sourcePaths(dir: string): string[] {
  return git(dir, ["ls-files", "-z"])
    .split("\0")
    .filter((p) => /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(p));
}

function cacheFile(dir: string): string {
  return join(dir, ".git", "superplane", "facts.json");
}

/**
 * A change inside a function body that other code uses: in a generated module, `make…` (which the
 * module's `DEFAULT_…` also calls as it loads), so the selection has real work to do. Elsewhere a new
 * export is appended.
 */
function edit(dir: string, path: string, marker: number): void {
  const file = join(dir, path);
  const text = readFileSync(file, "utf8");
  const changed = text.includes("tag.length > 0")
    ? text.replace("tag.length > 0", `tag.length > ${marker}`)
    : `${text}\nexport const bench_marker_${marker} = ${marker};\n`;
  writeFileSync(file, changed);
  git(dir, ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qam", `bench edit ${marker}`]);
}

async function benchRepo(label: string, dir: string, changeFile: string): Promise<void> {
  const sources = sourcePaths(dir);
  const floors: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const floor = await parseFloor(dir, sources);
    floors.push(floor.ms);
    bytes = floor.bytes;
  }
  const cold: number[] = [];
  const coldRss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(cacheFile(dir), { force: true });
    rmSync(`${cacheFile(dir)}.log`, { force: true });
    const sample = runCli(
      ["select", "--repo", dir, "--base", "HEAD", "--head", "HEAD", "--format", "json"],
      dir,
    );
    cold.push(sample.ms);
    coldRss.push(sample.maxRssMiB);
  }
  edit(dir, changeFile, 1);
  const warm: number[] = [];
  const warmRss: number[] = [];
  let selected = "";
  let warmOutput = "";
  for (let i = 0; i < RUNS + 2; i++) {
    const sample = runCli(["select", "--repo", dir, "--base", "HEAD~1", "--format", "json"], dir);
    warm.push(sample.ms);
    warmRss.push(sample.maxRssMiB);
    warmOutput = sample.stdout;
    const result = JSON.parse(sample.stdout) as { tests_selected: number; tests_total: number };
    selected = `${result.tests_selected}/${result.tests_total}`;
  }
  const covered = benchCoverage(dir, changeFile, selectedTests(warmOutput));
  const floor = median(floors);
  const coldMs = median(cold);
  const warmMs = median(warm);
  const rate = (ms: number) =>
    `${Math.round((sources.length / ms) * 1000)} files/s, ${((bytes / MiB / ms) * 1000).toFixed(1)} MB/s`;
  console.log(`\n## ${label}: ${sources.length} source files, ${(bytes / MiB).toFixed(1)} MiB`);
  console.log(`floor (read + tree-sitter parse, 1 thread)  ${floor.toFixed(0)} ms  (${rate(floor)})`);
  console.log(
    `cold select, graph from scratch (CLI)        ${coldMs.toFixed(0)} ms  (${rate(coldMs)})  = ${(coldMs / floor).toFixed(2)}x floor, peak ${median(coldRss).toFixed(0)} MiB`,
  );
  console.log(
    `warm select after a one-file change (CLI)    ${warmMs.toFixed(0)} ms  (${rate(warmMs)}), selected ${selected}, peak ${median(warmRss).toFixed(0)} MiB`,
  );
  console.log(
    `  the same with coverage records (--coverage) ${covered.ms.toFixed(0)} ms, ${covered.records} records checked, selected ${covered.selected}`,
  );
}

function selectedTests(output: string): string[] {
  const result = JSON.parse(output) as { decisions: { test_path: string; selected: boolean }[] };
  return result.decisions.filter((d) => d.selected).map((d) => d.test_path);
}

/**
 * What checking coverage records adds to a warm select: a record for every selected test, each
 * naming the changed file as it was before the edit (no function of it ran, so every record
 * clears) and the test file itself. The records cost git reads, two parses and a verdict each.
 */
function benchCoverage(
  dir: string,
  changeFile: string,
  tests: string[],
): { ms: number; records: number; selected: string } {
  const before = git(dir, ["rev-parse", `HEAD~1:${changeFile}`]).trim();
  const head = new Map(
    git(dir, ["ls-tree", "-r", "HEAD"])
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(line.indexOf("\t") + 1), line.split(/\s+/)[2]!] as const),
  );
  const records = tests.map((test) => ({
    version: UNITS_VERSION,
    test,
    files: [
      { path: changeFile, blob: before, units: [], order: 0 },
      { path: test, blob: head.get(test), units: "all", order: 1 },
    ],
  }));
  const file = join(dir, ".git", "superplane", "bench-coverage.json");
  writeFileSync(file, JSON.stringify({ version: 1, records }));
  const times: number[] = [];
  let selected = "";
  for (let i = 0; i < RUNS; i++) {
    const sample = runCli(
      ["select", "--repo", dir, "--base", "HEAD~1", "--format", "json", "--coverage", file],
      dir,
    );
    times.push(sample.ms);
    const result = JSON.parse(sample.stdout) as { tests_selected: number; tests_total: number };
    selected = `${result.tests_selected}/${result.tests_total}`;
  }
  return { ms: median(times), records: records.length, selected };
}

async function benchSelector(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "superplane-bench-"));
  try {
    // The same shape at a tenth of the size: warm cost should follow the change, not the repository.
    const small = generateRepo(join(work, "gen-1k"), { files: 1_000, tests: 200, packages: 10 });
    await benchRepo("generated monorepo, 1,000 files", small.dir, small.modules[small.modules.length >> 1]!);
    const generated = generateRepo(join(work, "gen"), { files: 10_000, tests: 2_000, packages: 10 });
    await benchRepo(
      "generated monorepo, 10,000 files",
      generated.dir,
      generated.modules[generated.modules.length >> 1]!,
    );
    const zod = zodRepo(work);
    await benchRepo("zod sources", zod, "src/v4/core/util.ts");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Each section prints its own table; add new ones here. */
const SECTIONS: Record<string, () => Promise<void> | void> = {
  selector: benchSelector,
  resolver: () => benchResolver(RUNS),
  service: benchService,
  wire: benchWire,
  blocking: benchBlocking,
  action: () => benchAction(RUNS),
  dashboard: benchDashboard,
  org: benchOrg,
};

async function main(): Promise<void> {
  for (const name of only ?? []) {
    if (!(name in SECTIONS))
      throw new Error(`unknown bench section "${name}"; known: ${Object.keys(SECTIONS).join(", ")}`);
  }
  console.log(`# superplane bench (medians of ${RUNS} runs; node ${process.version})`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (!only || only.has(name)) await run();
  }
}

await main();
