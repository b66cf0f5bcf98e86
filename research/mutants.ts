/**
 * Mutation check of the selector on a real repository (research, not shipped). Seeded single-line
 * mutants (research/mutant-lines.ts: flipped operators, broken types, broken syntax); the
 * repository's full Vitest or Jest suite is the oracle: the test files failing with the mutant
 * minus those failing without it. For each mutant, SuperPlane's default selection (HEAD -> the
 * mutated working tree, `superplane select` of the checkout given by --superplane) and the
 * runner's related-tests feature on the changed file are scored: failing files missed, unsafe
 * mutants (any miss), share of the suite selected. Suite and related outcomes are cached per HEAD
 * tree and mutant in `.git/superplane/mutants/`, so re-scoring another SuperPlane build runs no
 * test. Commands: docs/evaluation.md, "Mutation evaluation on unseen repositories".
 *   node build/research/mutants.js --repo DIR --files src --test-command "npx vitest run" \
 *     [--count 40] [--seed 12345] [--mix flip:0.5,type:0.3,syntax:0.2] [--superplane CHECKOUT] [--out FILE]
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gitDir } from "../selector/git/git-dir.js";
import {
  apply,
  candidates,
  FAMILY,
  type Mutant,
  type MutantFamily,
  mutantKey,
  mutantLabel,
  pickMix,
} from "./mutant-lines.js";
import {
  defaultRelated,
  ensureDir,
  type Runner,
  type RunSettings,
  runRelated,
  runSuite,
  runSuperPlane,
} from "./mutant-runs.js";
import { groundTruth, type MutantRow, scoreTool, totals } from "./mutant-score.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    files: { type: "string" },
    count: { type: "string", default: "40" },
    seed: { type: "string", default: "12345" },
    mix: { type: "string", default: "flip:0.5,type:0.3,syntax:0.2" },
    "test-command": { type: "string" },
    runner: { type: "string" },
    "related-command": { type: "string" },
    superplane: { type: "string" },
    out: { type: "string" },
    // Seconds per suite run: a mutant that makes a loop endless is given up after this.
    timeout: { type: "string", default: "300" },
  },
});
if (!values.repo || !values.files || !values["test-command"]) {
  console.error(
    "usage: mutants --repo DIR --files src,lib/x.ts --test-command CMD [--count N] [--seed S] [--mix flip:0.5,type:0.3,syntax:0.2]\n" +
      "               [--runner vitest|jest] [--related-command CMD] [--superplane CHECKOUT] [--out FILE.json]",
  );
  process.exit(2);
}
const repo = resolve(values.repo);
const command = values["test-command"];
const runner: Runner = (values.runner ?? (/\bjest\b/.test(command) ? "jest" : "vitest")) as Runner;
// This checkout's build by default; another checkout (`npm run build` there first) re-scores with its selector.
const checkout = resolve(values.superplane ?? fileURLToPath(new URL("../..", import.meta.url)));
const bin = join(checkout, "bin", "superplane.js");
const git = (args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });

/** Source files to mutate: the files named, and the tracked TypeScript sources under each folder named. */
function sourceFiles(entries: readonly string[]): string[] {
  const tracked = git(["ls-files", "--", ...entries])
    .split("\n")
    .filter(Boolean);
  return tracked.filter(
    (f) =>
      /\.(ts|tsx|mts|cts)$/.test(f) &&
      !/\.d\.ts$|\.(test|spec|test-d)\.[cm]?tsx?$/.test(f) &&
      !/(^|\/)(__tests__|tests?|fixtures?|__mocks__)\//.test(f),
  );
}

const files = sourceFiles(values.files.split(","));
const dirty = git(["status", "--porcelain", "--", ...files]);
if (dirty.trim()) {
  console.error(`mutants: commit or stash the changes to these files first:\n${dirty}`);
  process.exit(1);
}
const settings: RunSettings = {
  repo,
  command,
  runner,
  related: values["related-command"] ?? defaultRelated(command, runner),
  // A linked worktree keeps its own git directory: the cache goes there, not into a `.git` file.
  cacheDir: ensureDir(join(await gitDir(repo), "superplane", "mutants")),
  tree: git(["rev-parse", "HEAD^{tree}"]).trim(),
  timeoutMs: Number(values.timeout) * 1000,
};

const mix = values.mix.split(",").map((part) => {
  const [family, share] = part.split(":");
  return [family as MutantFamily, Number(share)] as [MutantFamily, number];
});
const pools: Record<MutantFamily, Mutant[]> = { flip: [], type: [], syntax: [] };
for (const file of files) {
  const found = candidates(file, readFileSync(join(repo, file), "utf8"));
  for (const family of Object.keys(pools) as MutantFamily[]) pools[family].push(...found[family]);
}
const mutants = pickMix(pools, Number(values.count), Number(values.seed), mix);
console.error(
  `mutants: ${files.length} files; candidates flip ${pools.flip.length}, type ${pools.type.length}, syntax ${pools.syntax.length}; ` +
    `picked ${mutants.length}; selection by ${bin}`,
);

const base = runSuite(settings, "none");
const universe = new Set(base.files);
const failingAtBase = new Set(base.failing);
console.error(
  `mutants: ${base.files.length} test files, failing without a mutant: ${base.failing.join(", ") || "none"}`,
);

/** The file under mutation, restored on Ctrl-C or kill as after each mutant. */
let mutated: { path: string; original: string } | undefined;
const stop = () => {
  if (mutated) writeFileSync(mutated.path, mutated.original);
  process.exit(130);
};
process.on("SIGINT", stop).on("SIGTERM", stop);

function score(mutant: Mutant, n: number): MutantRow | undefined {
  const path = join(repo, mutant.file);
  const original = readFileSync(path, "utf8");
  mutated = { path, original };
  try {
    writeFileSync(path, apply(original, mutant));
    const key = mutantKey(mutant);
    const outcome = runSuite(settings, key);
    if (outcome.timedOut) return undefined;
    const failing = groundTruth(outcome.failing, failingAtBase);
    const related = runRelated(settings, key, mutant.file);
    const superplane = runSuperPlane(bin, repo, settings.timeoutMs);
    return {
      n,
      mutant: mutantLabel(mutant),
      kind: mutant.kind,
      failing,
      tools: {
        superplane: {
          ...scoreTool(superplane.chosen, failing, universe),
          ...(superplane.warnings.length ? { warnings: superplane.warnings } : {}),
          ...(superplane.fullReason !== undefined ? { full: superplane.fullReason } : {}),
        },
        related: scoreTool(new Set(related.files), failing, universe, related.error),
      },
    };
  } finally {
    writeFileSync(path, original);
    mutated = undefined;
  }
}

const rows: MutantRow[] = [];
/** Mutants whose suite ran past --timeout (an endless loop): left out of every total. */
const timedOut: string[] = [];
for (const [n, mutant] of mutants.entries()) {
  console.error(`[${n + 1}/${mutants.length}] ${mutantLabel(mutant)}`);
  const row = score(mutant, n + 1);
  if (row) {
    rows.push(row);
    console.log(JSON.stringify(row));
  } else {
    timedOut.push(mutantLabel(mutant));
    console.log(JSON.stringify({ n: n + 1, mutant: mutantLabel(mutant), timedOut: true }));
  }
  // The runs are synchronous: a signal is handled here, between mutants, with every file restored.
  await new Promise((resolve) => setImmediate(resolve));
}

const summary = Object.fromEntries(["superplane", "related"].map((tool) => [tool, totals(rows, tool)]));
const byFamily = Object.fromEntries(
  (["flip", "type", "syntax"] as const).map((family) => {
    const of = rows.filter((row) => FAMILY[row.kind as Mutant["kind"]] === family);
    return [family, { mutants: of.length, failingSome: of.filter((row) => row.failing.length > 0).length }];
  }),
);
console.log(
  `mutants ${rows.length} scored, ${timedOut.length} timed out (${JSON.stringify(byFamily)}), failing some test file ${rows.filter((r) => r.failing.length).length}, ` +
    `test files ${universe.size}`,
);
for (const [tool, t] of Object.entries(summary)) {
  console.log(
    `${tool}: failing files ${t.failing}, missed ${t.missed}, unsafe mutants ${t.unsafe}, command failed ${t.errors}, ` +
      `mean share selected ${(t.meanShare * 100).toFixed(1)}% (on mutants failing something ${(t.meanShareDetected * 100).toFixed(1)}%)`,
  );
}
for (const row of rows) {
  for (const [tool, s] of Object.entries(row.tools)) {
    for (const test of s.missed) console.log(`miss (${tool}): ${row.mutant} ${test}`);
  }
}
if (values.out) {
  const head = git(["rev-parse", "HEAD"]).trim();
  writeFileSync(
    values.out,
    `${JSON.stringify({ repo, head, command, seed: values.seed, mix: values.mix, bin, summary, byFamily, timedOut, rows }, null, 2)}\n`,
  );
}
