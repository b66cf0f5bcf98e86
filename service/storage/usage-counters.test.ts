import { afterAll, describe, expect, it } from "vitest";
import type { TestFeatures } from "../../selector/model/features.js";
import { testDatabases } from "../../test/support/databases.js";
import type { NewRun, StoredDecision } from "./storage.js";

const features: TestFeatures = {
  reachable: false,
  distance: 0,
  symbolHit: false,
  weakOnly: false,
  changedFilesReaching: 0,
  maxFanIn: 0,
  typeTest: false,
};

const decisions: StoredDecision[] = ["a", "b", "c"].map((name, i) => ({
  test_path: `test/${name}.test.ts`,
  selected: i === 0,
  confidence: i === 0 ? 1 : 0.01,
  reasons: [i === 0 ? "graph: x" : "no import path from a changed file"],
  features,
}));

function newRun(id: string, repoId: string, minute: number): NewRun {
  return {
    id,
    repo_id: repoId,
    commit_sha: "c".repeat(40),
    base_sha: null,
    policy_ref: null,
    status: "running",
    mode: "selective",
    full_reason: null,
    granularity: "symbol",
    tests_selected: 1,
    tests_total: 3,
    confidence_threshold: 0.85,
    model_version: null,
    created_at: new Date(Date.UTC(2025, 5, 10, 12, minute)).toISOString(),
  };
}

describe.each(testDatabases())("usage counters on $name", (database) => {
  afterAll(() => database.dispose());

  it("count every run two replicas store and price at once, none twice", async () => {
    const [left, right] = await database.openPair();
    const at = new Date(Date.UTC(2025, 5, 1));
    const org = (await left.ensureOrganization("acme", at)).id;
    const repo = (await left.connectRepo(org, "acme/web", at)).id;
    const runs = Array.from({ length: 16 }, (_, i) => newRun(`run_${i}`, repo, i));
    // Two SQLite connections in one process cannot interleave transactions (the second waits for a
    // lock the first can only release on this same thread): there, one replica after the other.
    const together = async (work: (() => Promise<unknown>)[]) => {
      if (database.name === "postgres") await Promise.all(work.map((w) => w()));
      else for (const w of work) await w();
    };
    await together(runs.map((run, i) => () => (i % 2 ? left : right).createRun(org, run, decisions)));
    const report = [{ test_path: "test/a.test.ts", outcome: "passed" as const, duration_ms: 10 }];
    // test/b and test/c were never measured: every run's two skips stay unmeasured, priced at 0.
    await together(runs.map((run, i) => () => (i % 2 ? right : left).recordResults(org, run.id, report, at)));
    const expected = { runs: 16, selections: 16, tests_skipped: 32, skipped_ms: 0, skipped_unmeasured: 32 };
    expect(await left.usage(org, at)).toEqual(expected);
    expect(await right.usage(org, at)).toEqual(expected);
  });
});
