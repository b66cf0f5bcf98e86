import SqliteDatabase from "better-sqlite3";
import type { TestFeatures } from "../../selector/model/features.js";
import { encodeDecisions } from "../../service/storage/decision-record.js";

/** The shape of the history the dashboard bench reads. */
export const SEED = { runs: 10_000, tests: 100, days: 180, canaryEvery: 10, flakyTests: 20 };

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEATURES: TestFeatures = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 1,
  typeTest: false,
};

/**
 * Writes SEED.runs finished runs of one repository straight into a migrated SQLite file (through
 * the API this would take many minutes): each decides SEED.tests tests, runs about a quarter (every
 * tenth run is a canary full run with the graph's shadow selection), reports their results and its
 * priced time saved; SEED.flakyTests tests are seen flaky now and then. Spread over SEED.days days up to `now`.
 */
export function seedRuns(file: string, orgId: string, repoId: string, now: Date): void {
  const db = new SqliteDatabase(file);
  const random = mulberry32(42);
  const tests = Array.from({ length: SEED.tests }, (_, i) => `packages/p${i % 10}/test/t${i}.test.ts`);
  const run = db.prepare(
    `insert into runs (id, org_id, repo_id, commit_sha, base_sha, policy_ref, status, mode, full_reason,
      granularity, tests_selected, tests_total, threshold, model_version, duration_ms, created_at, updated_at)
     values (?, ?, ?, ?, null, null, ?, ?, ?, 'symbol', ?, ?, 0.85, 'cold-start', ?, ?, ?)`,
  );
  const decisions = db.prepare(
    `insert into run_decisions (run_id, tests, paths, selected, confidence, reasons, features)
     values (@run_id, @tests, @paths, @selected, @confidence, @reasons, @features)`,
  );
  const result = db.prepare(
    "insert into results (run_id, test_path, outcome, duration_ms) values (?, ?, ?, ?)",
  );
  const savings = db.prepare(
    "insert into run_savings (run_id, repo_id, skipped_tests, priced_tests, skipped_ms) values (?, ?, ?, ?, ?)",
  );
  const learning = db.prepare(
    `insert into run_learning (run_id, repo_id, commit_sha, created_at, changed_files, canary, flaky, is_canary,
      shadows, examples, quarantined, learned)
     values (?, ?, ?, ?, '[]', '{"full_run_rate":0.1,"max_miss_rate":0.01,"window":50}', '{"quarantine":false}',
       1, ?, null, '[]', 1)`,
  );
  const flaky = db.prepare(
    "insert or ignore into flaky_observations (repo_id, test_path, commit_sha, seen_at) values (?, ?, ?, ?)",
  );
  const span = SEED.days * 86_400_000;
  db.transaction(() => {
    for (let n = 0; n < SEED.runs; n++) {
      const id = `run_bench${String(n).padStart(8, "0")}`;
      const at = new Date(now.getTime() - span + Math.floor((n / SEED.runs) * span)).toISOString();
      const sha = n.toString(16).padStart(40, "0");
      const canary = n % SEED.canaryEvery === 0;
      const selected = tests.map(() => random() < 0.25);
      const failing = tests.map((_, i) => selected[i]! && random() < 0.01);
      const ran = tests.filter((_, i) => canary || selected[i]);
      let skippedMs = 0;
      const durations = tests.map(() => 100 + Math.floor(random() * 3000));
      const failed = failing.some(Boolean);
      run.run(
        id,
        orgId,
        repoId,
        sha,
        failed ? "failed" : "passed",
        canary ? "full" : "selective",
        canary ? "canary: 10% of commits run every test" : null,
        ran.length,
        tests.length,
        durations.reduce((a, b) => a + b, 0),
        at,
        at,
      );
      const decided = tests.map((test, i) => ({
        test_path: test,
        selected: canary || selected[i]!,
        confidence: selected[i] ? 0.97 : 0.02,
        reasons: ["graph: bench"],
        features: FEATURES,
      }));
      decisions.run({ run_id: id, ...encodeDecisions(decided) });
      tests.forEach((test, i) => {
        const runs = canary || selected[i]!;
        if (runs) {
          result.run(id, test, failing[i] ? "failed" : "passed", durations[i]!);
        } else {
          skippedMs += durations[i]!;
        }
      });
      savings.run(id, repoId, tests.length - ran.length, tests.length - ran.length, skippedMs);
      // The first SEED.flakyTests tests were each seen passing and failing on one commit in 1% of runs.
      if (random() < 0.01 * SEED.flakyTests) flaky.run(repoId, tests[n % SEED.flakyTests]!, sha, at);
      if (canary) {
        const shadow = tests.filter((_, i) => !selected[i]);
        learning.run(id, repoId, sha, at, JSON.stringify([{ model: "cold-start", skipped: shadow }]));
      }
    }
  })();
  db.close();
}
