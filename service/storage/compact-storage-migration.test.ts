import { type Kysely, Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { TestFeatures } from "../../selector/model/features.js";
import { migrateTestDatabaseTo, testDatabases } from "../../test/support/databases.js";
import type { Database } from "./database-schema.js";
import { migrateDatabase, openStorage } from "./kysely-storage.js";
import { migrateDespiteListingRaces } from "./migration-race.js";
import { migrationProvider } from "./migrations.js";
import { type DatabaseOptions, openDatabase } from "./open-database.js";
import type { StoredDecision } from "./storage.js";

/** The first migration of issue 16's: the release before it had those before this name. */
const FIRST_NEW = "0013_compact_decisions";

/** The schema as the release before issue 16 left it (later migrations alter its new tables). */
async function migrateBefore(options: DatabaseOptions): Promise<Kysely<Database>> {
  const { db, engine } = openDatabase(options);
  const migrator = new Migrator({
    db,
    provider: {
      async getMigrations() {
        const all = await migrationProvider.getMigrations();
        return Object.fromEntries(Object.entries(all).filter(([name]) => name < FIRST_NEW));
      },
    },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error } = await migrateDespiteListingRaces(engine, () => migrator.migrateToLatest());
  if (error) throw error;
  return db;
}

const features: TestFeatures = {
  reachable: true,
  distance: 1,
  symbolHit: true,
  weakOnly: false,
  changedFilesReaching: 1,
  maxFanIn: 3,
  typeTest: false,
};

function decisionsOf(n: number): StoredDecision[] {
  return Array.from({ length: n }, (_, i) => ({
    test_path: `test/t${String(i).padStart(3, "0")}.test.ts`,
    selected: i % 4 === 0,
    confidence: i % 4 === 0 ? 1 : 0.01 * i,
    reasons: i % 4 === 0 ? [`graph: src/x.ts -> t${i}`] : ["no import path from a changed file"],
    features: i % 2 ? { ...features, mentionDepth: 1 } : { ...features, reachable: false, distance: 0 },
  }));
}

function run(id: string, orgId: string, repoId: string, createdAt: string, selected: number, total: number) {
  return {
    id,
    org_id: orgId,
    repo_id: repoId,
    commit_sha: "c".repeat(40),
    base_sha: null,
    policy_ref: null,
    status: "running" as const,
    mode: "selective" as const,
    full_reason: null,
    granularity: "symbol" as const,
    tests_selected: selected,
    tests_total: total,
    threshold: 0.85,
    model_version: null,
    duration_ms: null,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** Rows as the row-per-test writer stored them. */
async function writeLegacy(db: Kysely<Database>, runId: string, decisions: StoredDecision[]): Promise<void> {
  await db
    .insertInto("decisions")
    .values(
      decisions.map((d) => ({
        run_id: runId,
        test_path: d.test_path,
        selected: d.selected ? 1 : 0,
        confidence: d.confidence,
        reasons: JSON.stringify(d.reasons),
        features: JSON.stringify(d.features),
      })),
    )
    .execute();
}

describe.each(testDatabases())("0013/0014 on $name", (database) => {
  afterAll(() => database.dispose());

  it("converts each run's decision rows into one record and fills the usage counters from the runs", async () => {
    const options = await database.fresh();
    const db = await migrateBefore(options);
    const at = "2025-03-04T10:00:00.000Z";
    await db
      .insertInto("organizations")
      .values({ id: "org_1", name: "acme", plan: "free", seats: 5, created_at: at })
      .execute();
    await db
      .insertInto("repos")
      .values({
        id: "repo_1",
        org_id: "org_1",
        name: "acme/web",
        policy_path: "p",
        status: "connected",
        created_at: at,
      })
      .execute();
    const many = decisionsOf(120);
    await db
      .insertInto("runs")
      .values(run("run_a", "org_1", "repo_1", at, 30, 120))
      .execute();
    await writeLegacy(db, "run_a", [...many].reverse());
    await db
      .insertInto("runs")
      .values(run("run_b", "org_1", "repo_1", "2025-03-20T00:00:00.000Z", 1, 2))
      .execute();
    await writeLegacy(db, "run_b", decisionsOf(2));
    await db
      .insertInto("runs")
      .values(run("run_c", "org_1", "repo_1", "2025-04-01T00:00:00.000Z", 0, 0))
      .execute();
    await db
      .insertInto("run_savings")
      .values([
        { run_id: "run_a", repo_id: "repo_1", skipped_tests: 90, priced_tests: 80, skipped_ms: 123_456 },
        { run_id: "run_b", repo_id: "repo_1", skipped_tests: 1, priced_tests: 0, skipped_ms: 0 },
      ])
      .execute();
    await db.destroy();

    const newer = Object.keys(await migrationProvider.getMigrations()).filter((name) => name >= FIRST_NEW);
    expect(await migrateDatabase(options)).toEqual(newer.sort());
    const after = openDatabase(options).db;
    const records = await after
      .selectFrom("run_decisions")
      .select(["run_id", "tests"])
      .orderBy("run_id")
      .execute();
    await after.destroy();
    // Converted, not merely found in the old table.
    expect(records.map((r) => [r.run_id, Number(r.tests)])).toEqual([
      ["run_a", 120],
      ["run_b", 2],
    ]);
    const storage = await openStorage(options);
    try {
      expect((await storage.getRun("org_1", "run_a"))?.decisions).toEqual(many);
      expect((await storage.getRun("org_1", "run_b"))?.decisions).toEqual(decisionsOf(2));
      expect((await storage.getRun("org_1", "run_c"))?.decisions).toEqual([]);
      expect(await storage.usage("org_1", new Date(Date.UTC(2025, 2, 1)))).toEqual({
        runs: 2,
        selections: 2,
        tests_skipped: 91,
        skipped_ms: 123_456,
        skipped_unmeasured: 11,
      });
      expect(await storage.usage("org_1", new Date(Date.UTC(2025, 3, 1)))).toMatchObject({ runs: 1 });
    } finally {
      await storage.close();
    }
  });

  it("reads and prices a run an older replica stored as rows during a rolling upgrade", async () => {
    const options = await database.fresh();
    const storage = await openStorage(options);
    const { db } = openDatabase(options);
    try {
      const org = await storage.ensureOrganization("acme", new Date("2025-03-01T00:00:00Z"));
      const repo = await storage.connectRepo(org.id, "acme/web", new Date("2025-03-01T00:00:00Z"));
      const at = "2025-03-04T10:00:00.000Z";
      await db
        .insertInto("runs")
        .values(run("run_old", org.id, repo.id, at, 1, 2))
        .execute();
      await writeLegacy(db, "run_old", decisionsOf(2));
      expect((await storage.getRun(org.id, "run_old"))?.decisions).toEqual(decisionsOf(2));
      const report = [{ test_path: "test/t001.test.ts", outcome: "passed" as const, duration_ms: 700 }];
      await storage.recordResults(org.id, "run_old", report, new Date(at));
      // Its skipped test is priced at the duration just reported (usage has no row for the run
      // itself: the older replica counted nothing, so only what this one priced is added).
      expect(await storage.usage(org.id, new Date(Date.UTC(2025, 2, 1)))).toMatchObject({ skipped_ms: 700 });
    } finally {
      await db.destroy();
      await storage.close();
    }
  });

  it("writes records back as rows when 0013 is undone", async () => {
    const options = await database.fresh();
    const storage = await openStorage(options);
    const org = await storage.ensureOrganization("acme", new Date("2025-03-01T00:00:00Z"));
    const repo = await storage.connectRepo(org.id, "acme/web", new Date("2025-03-01T00:00:00Z"));
    await storage.createRun(
      org.id,
      {
        id: "run_new",
        repo_id: repo.id,
        commit_sha: "c".repeat(40),
        base_sha: null,
        policy_ref: null,
        status: "running",
        mode: "selective",
        full_reason: null,
        granularity: "symbol",
        tests_selected: 30,
        tests_total: 120,
        confidence_threshold: 0.85,
        model_version: null,
        created_at: "2025-03-04T10:00:00.000Z",
      },
      decisionsOf(120),
    );
    await storage.close();
    const { db, engine } = openDatabase(options);
    try {
      expect(await migrateTestDatabaseTo({ db, engine }, options, "0012_one_duration_table")).toBeUndefined();
      const rows = await db.selectFrom("decisions").selectAll().orderBy("test_path").execute();
      expect(rows.length).toBe(120);
      expect(rows[1]).toEqual({
        run_id: "run_new",
        test_path: "test/t001.test.ts",
        selected: 0,
        confidence: 0.01,
        reasons: '["no import path from a changed file"]',
        features: JSON.stringify({ ...features, mentionDepth: 1 }),
      });
    } finally {
      await db.destroy();
    }
  });
});
