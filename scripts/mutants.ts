/**
 * Mutation check of the selector on a real repository: seeded single-line mutants (one operator
 * flipped, scripts/mutant-lines.ts), the repository's Vitest suite as the oracle. For each mutant
 * that fails a test file, did the default selection (HEAD -> the mutated worktree) pick every
 * failing file, did the selection with the coverage the unmutated run recorded (the coverage
 * collector, selector/coverage/) pick every one, and how near to the change did each failing
 * file's text name something (`mentionDepth`)? Results are cached per HEAD tree and mutant in
 * `.git/superplane/mutants/`, so a selector change re-scores without running tests. Run
 * (docs/evaluation.md):
 *   npm run build && node build/scripts/mutants.js --repo DIR --files a.ts,b.ts --count 40 \
 *     --test-command "npx vitest run --config vitest.eval.config.ts"
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { vitestCoverageReporter } from "../action/coverage/reporter-path.js";
import { checkCoverage } from "../selector/coverage/check-coverage.js";
import { coverageCandidates } from "../selector/coverage/coverage-candidates.js";
import { readRawCoverage, recordsFromRaw } from "../selector/coverage/read-coverage.js";
import { COLLECTOR_VERSION, type CoverageRecord, type RawCoverage } from "../selector/coverage/types.js";
import { gitDir } from "../selector/git/git-dir.js";
import { readBlobs } from "../selector/repo/git-tree.js";
import { worktreeSource } from "../selector/repo/revision-source.js";
import { decide } from "../selector/select/decide.js";
import { selectInRepo, WORKTREE } from "../selector/select/select-in-repo.js";
import { apply, candidates, type Mutant, pick } from "./mutant-lines.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    files: { type: "string" },
    count: { type: "string", default: "40" },
    seed: { type: "string", default: "12345" },
    "test-command": { type: "string" },
  },
});
if (!values.repo || !values.files || !values["test-command"]) {
  console.error("usage: mutants --repo DIR --files a.ts,b.ts --test-command CMD [--count N] [--seed S]");
  process.exit(2);
}
const repo = values.repo;
const files = values.files.split(",");
const command = values["test-command"];
// A linked worktree keeps its own git directory: the cache goes there, not into a `.git` file.
const cacheDir = join(await gitDir(repo), "superplane", "mutants");
mkdirSync(cacheDir, { recursive: true });

const dirty = execFileSync("git", ["status", "--porcelain", "--", ...files], { cwd: repo, encoding: "utf8" });
// Outcomes hold for one tree: a new HEAD runs every mutant again.
const tree = execFileSync("git", ["rev-parse", "HEAD^{tree}"], { cwd: repo, encoding: "utf8" }).trim();
if (dirty.trim()) {
  console.error(`mutants: commit or stash the changes to these files first:\n${dirty}`);
  process.exit(1);
}

/** The collector's output is cached per collector version: a new one records again. */
const COVERAGE_KEY = `coverage-${COLLECTOR_VERSION}`;

const cacheFile = (key: string) =>
  join(
    cacheDir,
    `${createHash("sha256").update(`${tree}\0${command}\0${key}`).digest("hex").slice(0, 24)}.json`,
  );

/**
 * Test files the suite fails with the worktree as it is (cached by tree, command and mutant, or
 * "none"). With `coverage`, the collector records each test file's run, kept beside the outcome.
 */
function failingFiles(key: string, coverage = false): string[] {
  const cached = cacheFile(key);
  if (existsSync(cached) && (!coverage || existsSync(cacheFile(`${key}:${COVERAGE_KEY}`)))) {
    return JSON.parse(readFileSync(cached, "utf8")) as string[];
  }
  const report = join(cacheDir, `report-${process.pid}.json`);
  const coverageDir = join(cacheDir, `coverage-${process.pid}`);
  rmSync(coverageDir, { recursive: true, force: true });
  const reporter = coverage ? ` --reporter=${vitestCoverageReporter()}` : "";
  spawnSync(`${command}${reporter} --reporter=json --outputFile=${report}`, {
    cwd: repo,
    shell: true,
    stdio: "ignore",
    env: { ...process.env, SUPERPLANE_COVERAGE_DIR: coverageDir },
  });
  if (!existsSync(report)) throw new Error(`mutants: the test command wrote no JSON report (${command})`);
  const parsed = JSON.parse(readFileSync(report, "utf8")) as {
    testResults: { name: string; status: string }[];
  };
  rmSync(report);
  const failing = parsed.testResults
    .filter((t) => t.status !== "passed")
    .map((t) => t.name.slice(repo.length).replace(/^\/+/, ""));
  writeFileSync(cached, JSON.stringify(failing));
  return failing;
}

/** The unmutated run's coverage records (the collector's output is cached raw, read into records). */
async function baselineCoverage(): Promise<CoverageRecord[]> {
  const cached = cacheFile(`none:${COVERAGE_KEY}`);
  let raws: RawCoverage[];
  if (existsSync(cached)) {
    raws = JSON.parse(readFileSync(cached, "utf8")) as RawCoverage[];
  } else {
    raws = await readRawCoverage(join(cacheDir, `coverage-${process.pid}`), repo, (m) => console.error(m));
    writeFileSync(cached, JSON.stringify(raws));
    rmSync(join(cacheDir, `coverage-${process.pid}`), { recursive: true, force: true });
  }
  const read = (wanted: readonly { blob: string }[]) =>
    readBlobs(
      repo,
      wanted.map((w) => w.blob),
    );
  return recordsFromRaw(raws, read, "HEAD");
}

const baseline = new Set(failingFiles("none", true));
const passing = (await baselineCoverage()).filter((record) => !baseline.has(record.test));
const records = new Map(passing.map((record) => [record.test, record]));
console.error(`mutants: coverage recorded for ${records.size} passing test files`);
const all = files.flatMap((file) => candidates(file, readFileSync(join(repo, file), "utf8")));
const mutants = pick(all, Number(values.count), Number(values.seed));
let detected = 0;
let pairs = 0;
let selectedPairs = 0;
let coveredPairs = 0;
let defaultSize = 0;
let coverageSize = 0;
/** Test files the selector decides on (type tests too, which no runtime record covers). */
let testFiles = 0;
const coverageMisses: string[] = [];
const depths = new Map<string, number>();
const misses: string[] = [];

async function score(mutant: Mutant, n: number): Promise<void> {
  const path = join(repo, mutant.file);
  const original = readFileSync(path, "utf8");
  const restore = () => {
    writeFileSync(path, original);
    process.exit(130);
  };
  process.once("SIGINT", restore).once("SIGTERM", restore);
  try {
    writeFileSync(path, apply(original, mutant));
    const key = `${mutant.file}:${mutant.line}:${mutant.from}`;
    // The cache key counts lines from 0 (kept: cached outcomes stay valid); what is printed, from 1.
    const label = `${mutant.file}:${mutant.line + 1}: ${mutant.from.trim()}`;
    const failing = failingFiles(key).filter((f) => !baseline.has(f));
    if (failing.length === 0) return;
    detected += 1;
    const output = await selectInRepo({
      repoDir: repo,
      base: "HEAD",
      head: WORKTREE,
      typeCheck: false,
      cacheFile: false,
    });
    const chosen = new Set(output.result.decisions.filter((d) => d.selected).map((d) => d.test_path));
    const evidence = new Map(output.evidence.map((e) => [e.path, e]));
    const verdicts = await checkCoverage({
      repoDir: repo,
      head: await worktreeSource(repo),
      records: coverageCandidates(output.evidence).flatMap((test) => records.get(test) ?? []),
    });
    const covered = decide(
      output.evidence.map((e) => {
        const verdict = verdicts.get(e.path);
        return verdict ? { ...e, coverage: verdict } : e;
      }),
      { threshold: output.result.confidence_threshold, granularity: output.result.granularity },
    );
    const withCoverage = new Set(covered.filter((d) => d.selected).map((d) => d.test_path));
    defaultSize += chosen.size;
    testFiles = Math.max(testFiles, output.result.decisions.length);
    coverageSize += withCoverage.size;
    const rows = failing.map((test) => {
      const depth = evidence.get(test)?.features.mentionDepth;
      const bucket = depth === undefined ? "none" : String(depth);
      depths.set(bucket, (depths.get(bucket) ?? 0) + 1);
      pairs += 1;
      if (chosen.has(test)) selectedPairs += 1;
      else misses.push(`${label} ${test}`);
      if (withCoverage.has(test)) coveredPairs += 1;
      else coverageMisses.push(`${label} ${test}: ${JSON.stringify(verdicts.get(test))}`);
      return { test, selected: chosen.has(test), withCoverage: withCoverage.has(test), mentionDepth: depth };
    });
    console.log(
      JSON.stringify({
        n,
        mutant: label,
        to: mutant.to.trim(),
        selected: chosen.size,
        selectedWithCoverage: withCoverage.size,
        failing: rows,
      }),
    );
  } finally {
    writeFileSync(path, original);
    process.removeAllListeners("SIGINT").removeAllListeners("SIGTERM");
  }
}

for (const [n, mutant] of mutants.entries()) {
  console.error(
    `[${n + 1}/${mutants.length}] ${mutant.file}:${mutant.line + 1} ${mutant.from.trim()} -> ${mutant.to.trim()}`,
  );
  await score(mutant, n);
}
const byDepth = [...depths]
  .sort()
  .map(([d, c]) => `${d}: ${c}`)
  .join(", ");
const mean = (total: number) => (detected === 0 ? 0 : Math.round((total / detected) * 10) / 10);
console.log(
  `mutants ${mutants.length}, failing a test ${detected}; failing test files ${pairs}, selected ${selectedPairs}, ` +
    `selected with coverage ${coveredPairs}; mean selection ${mean(defaultSize)} (with coverage ${mean(coverageSize)}) ` +
    `of ${testFiles} test files (${records.size + baseline.size} ran); mentionDepth of failing files: ${byDepth}`,
);
for (const miss of misses) console.log(`miss: ${miss}`);
for (const miss of coverageMisses) console.log(`miss with coverage: ${miss}`);
