/**
 * Mutation check of the selector on a real repository: seeded single-line mutants (one operator
 * flipped, scripts/mutant-lines.ts), the repository's Vitest suite as the oracle. For each mutant
 * that fails a test file, did the default selection (HEAD -> the mutated worktree) pick every
 * failing file, and how near to the change did each failing file's text name something
 * (`mentionDepth`)? Results are cached per HEAD tree and mutant in `.git/superplane/mutants/`, so a selector
 * change re-scores without running tests. Run (docs/evaluation.md):
 *   npm run build && node build/scripts/mutants.js --repo DIR --files a.ts,b.ts --count 40 \
 *     --test-command "npx vitest run --config vitest.eval.config.ts"
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
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
const cacheDir = join(repo, ".git", "superplane", "mutants");
mkdirSync(cacheDir, { recursive: true });

const dirty = execFileSync("git", ["status", "--porcelain", "--", ...files], { cwd: repo, encoding: "utf8" });
// Outcomes hold for one tree: a new HEAD runs every mutant again.
const tree = execFileSync("git", ["rev-parse", "HEAD^{tree}"], { cwd: repo, encoding: "utf8" }).trim();
if (dirty.trim()) {
  console.error(`mutants: commit or stash the changes to these files first:\n${dirty}`);
  process.exit(1);
}

/** Test files the suite fails with the worktree as it is (cached by tree, command and mutant, or "none"). */
function failingFiles(key: string): string[] {
  const cached = join(
    cacheDir,
    `${createHash("sha256").update(`${tree}\0${command}\0${key}`).digest("hex").slice(0, 24)}.json`,
  );
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as string[];
  const report = join(cacheDir, `report-${process.pid}.json`);
  spawnSync(`${command} --reporter=json --outputFile=${report}`, { cwd: repo, shell: true, stdio: "ignore" });
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

const baseline = new Set(failingFiles("none"));
const all = files.flatMap((file) => candidates(file, readFileSync(join(repo, file), "utf8")));
const mutants = pick(all, Number(values.count), Number(values.seed));
let detected = 0;
let pairs = 0;
let selectedPairs = 0;
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
    const rows = failing.map((test) => {
      const depth = evidence.get(test)?.features.mentionDepth;
      const bucket = depth === undefined ? "none" : String(depth);
      depths.set(bucket, (depths.get(bucket) ?? 0) + 1);
      pairs += 1;
      if (chosen.has(test)) selectedPairs += 1;
      else misses.push(`${key} ${test}`);
      return { test, selected: chosen.has(test), mentionDepth: depth };
    });
    console.log(
      JSON.stringify({ n, mutant: key, to: mutant.to.trim(), selected: chosen.size, failing: rows }),
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
console.log(
  `mutants ${mutants.length}, failing a test ${detected}; failing test files ${pairs}, selected ${selectedPairs}; ` +
    `mentionDepth of failing files: ${byDepth}`,
);
for (const miss of misses) console.log(`miss: ${miss}`);
