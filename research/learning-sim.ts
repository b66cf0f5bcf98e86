/**
 * The learning loop end to end on a synthetic repository, through the real service (in process, on
 * SQLite): each commit is selected, its selected tests "run" against a known set of failures, and
 * the results are reported. Prints selection size and commit-level safety per phase, the models
 * and rollbacks. Run: npm run build && npm run build:tools && node build/research/learning-sim.js
 * [commits] (SIM_DEBUG=1 lists misses).
 */
import { buildApp } from "../service/app.js";
import { mintToken } from "../service/auth/api-token.js";
import { openStorage } from "../service/storage/kysely-storage.js";

const SOURCES = 60;
const TESTS_PER_SOURCE = 4;
const FLAKY = "test/flaky.test.ts";

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const testOf = (source: number, i: number) => `test/s${source}-${i}.test.ts`;
/** A test the graph cannot see (it reads a fixture of the source) but that changes with it in git. */
const hiddenOf = (source: number) => `test/fixture-s${source}.test.ts`;

interface Commit {
  sha: string;
  changed: number[];
  tests: { path: string; features: Record<string, unknown>; graph_path?: string[] }[];
  failing: Set<string>;
}

function features(reachable: boolean, distance: number, symbolHit: boolean) {
  return {
    reachable,
    distance,
    symbolHit,
    weakOnly: false,
    changedFilesReaching: reachable ? 1 : 0,
    maxFanIn: reachable ? 3 : 0,
    typeTest: false,
  };
}

/** Source k imports source k-1: a change to k-1 reaches k's tests at distance 2 through unchanged names. */
function makeCommit(random: () => number, n: number): Commit {
  const changed = [Math.floor(random() * SOURCES)];
  if (random() < 0.3) changed.push(Math.floor(random() * SOURCES));
  const buggy = random() < 0.3;
  const tests: Commit["tests"] = [];
  const failing = new Set<string>();
  for (let s = 0; s < SOURCES; s++) {
    const direct = changed.includes(s);
    const upstream = changed.includes(s - 1);
    for (let i = 0; i < TESTS_PER_SOURCE; i++) {
      const path = testOf(s, i);
      if (direct) {
        const hit = i < 2;
        tests.push({ path, features: features(true, 1, hit), graph_path: [`src/s${s}.ts`, path] });
        if (buggy && hit && random() < 0.6) failing.add(path);
      } else if (upstream) {
        tests.push({
          path,
          features: features(true, 2, false),
          graph_path: [`src/s${s - 1}.ts`, `src/s${s}.ts`, path],
        });
        if (buggy && random() < 0.01) failing.add(path);
      } else {
        tests.push({ path, features: features(false, 0, false) });
      }
    }
    tests.push({ path: hiddenOf(s), features: features(false, 0, false) });
    if (direct && buggy && random() < 0.5) failing.add(hiddenOf(s));
  }
  tests.push({ path: FLAKY, features: features(false, 0, false) });
  return { sha: (n + 1).toString(16).padStart(40, "0"), changed, tests, failing };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 300);
  const storage = await openStorage({ url: ":memory:" });
  const app = await buildApp({ storage });
  const org = await storage.ensureOrganization("sim", new Date());
  const repo = await storage.connectRepo(org.id, "sim/repo", new Date());
  const minted = mintToken();
  await storage.createToken(org.id, "read+write", minted.hash, new Date());
  const call = async (method: "GET" | "POST", url: string, payload?: unknown) =>
    (
      await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${minted.token}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      })
    ).json();
  // Day one: git says each fixture test changed with its source in 5 of its 10 commits.
  await call("POST", `/v1/repos/${repo.id}/history`, {
    commits: 600,
    files: Array.from({ length: SOURCES }, (_, s) => ({ path: `src/s${s}.ts`, commits: 10 })),
    pairs: Array.from({ length: SOURCES }, (_, s) => ({
      source: `src/s${s}.ts`,
      test: hiddenOf(s),
      count: 5,
    })),
  });
  const versions = new Map<string, string>();
  const modelVersion = async (id: string) => {
    const listed = await call("GET", `/v1/repos/${repo.id}/models`);
    for (const m of listed.models) versions.set(m.id, `v${m.version}`);
    return versions.get(id) ?? id;
  };
  const policy = { version: 1, canary: { full_run_rate: 0.1, max_miss_rate: 0.05, window: 20 } };
  const random = mulberry32(42);
  const flakyRandom = mulberry32(7);
  const phases = new Map<
    string,
    {
      runs: number;
      selected: number;
      related: number;
      total: number;
      withFailures: number;
      safe: number;
      full: number;
    }
  >();
  let decideMs = 0;
  let reportMs = 0;
  for (let n = 0; n < total; n++) {
    const commit = makeCommit(random, n);
    let started = performance.now();
    const run = await call("POST", "/v1/runs", {
      repo_id: repo.id,
      commit_sha: commit.sha,
      changed_files: commit.changed.map((s) => ({ path: `src/s${s}.ts`, status: "modified" })),
      tests: commit.tests,
      policy,
    });
    decideMs += performance.now() - started;
    const selected = new Set<string>(
      run.decisions
        .filter((d: { selected: boolean }) => d.selected)
        .map((d: { test_path: string }) => d.test_path),
    );
    const failing = new Set(commit.failing);
    const flakyFails = flakyRandom() < 0.15;
    const results = [...selected].map((test) => ({
      test_path: test,
      outcome: failing.has(test) || (test === FLAKY && flakyFails) ? "failed" : "passed",
      duration_ms: 100,
    }));
    started = performance.now();
    await call("POST", `/v1/runs/${run.id}/results`, { results });
    // The flaky test is re-run on the same commit now and then, and passes: that is how it is found.
    if (selected.has(FLAKY) && flakyFails && n % 3 === 0) {
      const rerun = await call("POST", "/v1/runs", {
        repo_id: repo.id,
        commit_sha: commit.sha,
        changed_files: [],
        tests: [{ path: FLAKY, features: features(false, 0, false), forced: ["re-run"] }],
        policy,
      });
      await call("POST", `/v1/runs/${rerun.id}/results`, {
        results: [{ test_path: FLAKY, outcome: "passed", duration_ms: 100 }],
      });
    }
    reportMs += performance.now() - started;
    const phase =
      run.mode === "full"
        ? "canary full runs"
        : run.model_version === "cold-start"
          ? "graph-only (+co-change)"
          : `model ${versions.get(run.model_version) ?? (await modelVersion(run.model_version))}`;
    const missed = [...failing].filter((t) => !selected.has(t));
    if (missed.length > 0 && process.env.SIM_DEBUG) console.log(phase, "missed", missed);
    const p = phases.get(phase) ?? {
      runs: 0,
      selected: 0,
      related: 0,
      total: 0,
      withFailures: 0,
      safe: 0,
      full: 0,
    };
    p.runs += 1;
    p.selected += selected.size;
    p.total += commit.tests.length;
    p.related += commit.tests.filter((t) => (t.features as { reachable: boolean }).reachable).length;
    if (failing.size > 0) {
      p.withFailures += 1;
      if ([...failing].every((t) => selected.has(t))) p.safe += 1;
    }
    phases.set(phase, p);
  }
  console.log(
    `commits: ${total}; mean POST /v1/runs ${(decideMs / total).toFixed(1)} ms, results+learning ${(reportMs / total).toFixed(1)} ms`,
  );
  for (const [name, p] of phases) {
    console.log(
      `${name.padEnd(24)} runs ${String(p.runs).padStart(4)}  selected ${((p.selected / p.total) * 100).toFixed(1)}% of tests` +
        ` (graph-related ${((p.related / p.total) * 100).toFixed(1)}%)  commit-level safety ${p.safe}/${p.withFailures}`,
    );
  }
  const models = await call("GET", `/v1/repos/${repo.id}/models`);
  console.log(
    `serving: ${models.serving_model}; labelled runs ${models.labelled_runs}, failures ${models.failures}`,
  );
  for (const m of models.models) {
    console.log(
      `  v${m.version} ${m.status}${m.reason ? ` (${m.reason})` : ""}: ${m.examples} examples, positive weight ${m.positive_weight}`,
    );
  }
  const latest = models.models.find((m: { status: string }) => m.status === "serving") ?? models.models[0];
  if (latest) {
    console.log("  calibration of", latest.id);
    for (const b of latest.calibration) {
      console.log(
        `    [${b.from}, ${b.to}) n=${b.examples} predicted ${b.predicted.toFixed(3)} observed ${b.observed.toFixed(3)}`,
      );
    }
  }
  const flaky = await call("GET", `/v1/tests/flaky?repo_id=${repo.id}`);
  console.log(
    "flaky:",
    JSON.stringify(
      flaky.tests.map((t: { test_path: string; flaky_commits: number }) => [t.test_path, t.flaky_commits]),
    ),
  );
  await app.close();
  await storage.close();
}

await main();
