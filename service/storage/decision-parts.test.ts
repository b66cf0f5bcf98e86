import type { Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { TestFeatures } from "../../selector/model/features.js";
import { migrateTestDatabaseTo, testDatabases } from "../../test/support/databases.js";
import type { Database } from "./database-schema.js";
import { decodeDecisions, encodeRunDecisions, PART_TESTS } from "./decision-record.js";
import { openStorage } from "./kysely-storage.js";
import { type DatabaseOptions, openDatabase } from "./open-database.js";
import { writeDecisions } from "./queries/decisions.js";
import { PATHS_PER_STATEMENT } from "./queries/run-savings.js";
import type { NewRun, Storage, StoredDecision } from "./storage.js";

const AT = "2025-03-04T10:00:00.000Z";
/** Three parts: two full, one not. */
const TESTS = 2 * PART_TESTS + 345;

const features: TestFeatures = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 3,
  typeTest: false,
};

/** In no particular path order; reasons and feature keys that differ between the parts. */
function decisionsOf(n: number): StoredDecision[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7_919) % n;
    return {
      test_path: `t/${k % 17}/u${k}.test.ts`,
      selected: k % 4 === 0,
      confidence: k % 4 === 0 ? 1 : 1 / (k + 3),
      reasons: k % 4 === 0 ? [`graph: src/x.ts -> u${k}`] : ["no import path from a changed file"],
      features: (k > n - 100
        ? { ...features, mentionDepth: k }
        : { ...features, distance: k }) as TestFeatures,
    };
  });
}

const byPath = (decisions: StoredDecision[]) =>
  [...decisions].sort((a, b) => (a.test_path < b.test_path ? -1 : 1));

function newRun(id: string, repoId: string, total: number): NewRun {
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
    tests_selected: Math.ceil(total / 4),
    tests_total: total,
    confidence_threshold: 0.85,
    model_version: null,
    created_at: AT,
  };
}

async function withRepo(
  options: DatabaseOptions,
): Promise<{ storage: Storage; orgId: string; repoId: string }> {
  const storage = await openStorage(options);
  const org = await storage.ensureOrganization("acme", new Date(AT));
  const repo = await storage.connectRepo(org.id, "acme/web", new Date(AT));
  return { storage, orgId: org.id, repoId: repo.id };
}

async function partsOf(db: Kysely<Database>, runId: string) {
  const parts = await db
    .selectFrom("run_decision_parts")
    .select(["part", "tests"])
    .where("run_id", "=", runId)
    .orderBy("part")
    .execute();
  return parts.map((p) => [Number(p.part), Number(p.tests)]);
}

describe.each(testDatabases())("a run's decision record in parts on $name", (database) => {
  afterAll(() => database.dispose());

  it("stores a large run in parts and reads back every decision and skip as one record gave them", async () => {
    const options = await database.fresh();
    const { storage, orgId, repoId } = await withRepo(options);
    const { db } = openDatabase(options);
    try {
      const decisions = decisionsOf(TESTS);
      await storage.createRun(orgId, newRun("run_big", repoId, TESTS), decisions);
      await storage.createRun(orgId, newRun("run_small", repoId, 40), decisionsOf(40));
      expect(await partsOf(db, "run_big")).toEqual([
        [0, PART_TESTS],
        [1, PART_TESTS],
        [2, 345],
      ]);
      expect(await db.selectFrom("run_decisions").select("run_id").execute()).toEqual([
        { run_id: "run_small" },
      ]);
      expect(await partsOf(db, "run_small")).toEqual([]);
      expect((await storage.getRun(orgId, "run_big"))?.decisions).toEqual(byPath(decisions));
      expect((await storage.getRun(orgId, "run_small"))?.decisions).toEqual(byPath(decisionsOf(40)));
      // Pricing reads the skipped paths from the parts: the last part's skipped test is priced.
      const skipped = byPath(decisions)
        .filter((d) => !d.selected)
        .at(-1)!.test_path;
      const before = await storage.usage(orgId, new Date(Date.UTC(2025, 2, 1)));
      await storage.recordResults(
        orgId,
        "run_big",
        [{ test_path: skipped, outcome: "passed", duration_ms: 700 }],
        new Date(AT),
      );
      const after = await storage.usage(orgId, new Date(Date.UTC(2025, 2, 1)));
      expect(after.skipped_ms - before.skipped_ms).toBe(700);
    } finally {
      await db.destroy();
      await storage.close();
    }
  });

  it("prices more skips than one statement takes, in statements whose sums add up", async () => {
    const options = await database.fresh();
    const { storage, orgId, repoId } = await withRepo(options);
    try {
      const total = PATHS_PER_STATEMENT + 2;
      const skipped = byPath(decisionsOf(total)).map((d) => ({ ...d, selected: false }));
      await storage.createRun(orgId, { ...newRun("run_many", repoId, total), tests_selected: 0 }, skipped);
      const before = await storage.usage(orgId, new Date(Date.UTC(2025, 2, 1)));
      // The first path and the last: one in the first statement, one in the second.
      const results = [skipped[0]!, skipped.at(-1)!].map((d, i) => ({
        test_path: d.test_path,
        outcome: "passed" as const,
        duration_ms: 300 + 100 * i,
      }));
      await storage.recordResults(orgId, "run_many", results, new Date(AT));
      const after = await storage.usage(orgId, new Date(Date.UTC(2025, 2, 1)));
      expect(after.skipped_ms - before.skipped_ms).toBe(700);
    } finally {
      await storage.close();
    }
  });

  it("joins the parts into one record the previous version reads when 0017 is undone", async () => {
    const options = await database.fresh();
    const { storage, orgId, repoId } = await withRepo(options);
    const decisions = decisionsOf(TESTS);
    await storage.createRun(orgId, newRun("run_big", repoId, TESTS), decisions);
    await storage.close();
    const { db, engine } = openDatabase(options);
    try {
      expect(await migrateTestDatabaseTo({ db, engine }, options, "0016_result_messages")).toBeUndefined();
      const record = await db.selectFrom("run_decisions").selectAll().executeTakeFirstOrThrow();
      expect(decodeDecisions(record.run_id, record)).toEqual(byPath(decisions));
    } finally {
      await db.destroy();
    }
  });
});

describe("writing a record's parts on SQLite", () => {
  const [sqlite] = testDatabases();
  afterAll(() => sqlite!.dispose());

  it("gives the event loop a turn between the parts' statements, in one transaction", async () => {
    const options = await sqlite!.fresh();
    const { storage, orgId, repoId } = await withRepo(options);
    await storage.createRun(orgId, newRun("run_x", repoId, 0), []);
    await storage.close();
    const parts = (await encodeRunDecisions(decisionsOf(TESTS))).parts;
    const { db } = openDatabase(options);
    try {
      let turns = 0;
      let counting = true;
      const count = () => {
        turns++;
        if (counting) setImmediate(count);
      };
      // better-sqlite3 holds the thread for each statement: a turn comes only where the writer gives one.
      const failed = db
        .transaction()
        .execute(async (trx) => {
          setImmediate(count);
          await writeDecisions(trx, "run_x", parts);
          counting = false;
          throw new Error("after the parts");
        })
        .catch((error: Error) => error.message);
      expect(await failed).toBe("after the parts");
      expect(turns).toBeGreaterThanOrEqual(parts.length - 1);
      // Undone as a whole: no part outlives the transaction.
      expect(await partsOf(db, "run_x")).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
