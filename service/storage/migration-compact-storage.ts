import { type Kysely, type Migration, sql } from "kysely";
import type { Database } from "./database-schema.js";
import { decodeDecisions, encodeDecisions } from "./decision-record.js";
import { toDecision } from "./row-mappers.js";

/** Runs converted per page; each run's decisions are read and written whole. */
const PAGE = 200;

/**
 * Issue 16: a run's decisions as one record (`run_decisions`, decision-record.ts). Existing runs
 * are converted. Their rows in `decisions` stay: migrations are additive, so a replica of the
 * previous version still reads what it wrote during a rolling upgrade, and this version reads that
 * table for a run without a record. A release after every replica runs this one can drop it.
 */
export const compactDecisionsMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    await db.schema
      .createTable("run_decisions")
      .addColumn("run_id", "text", (c) => c.primaryKey().references("runs.id").onDelete("cascade"))
      .addColumn("tests", "integer", (c) => c.notNull())
      .addColumn("paths", "text", (c) => c.notNull())
      .addColumn("selected", "text", (c) => c.notNull())
      .addColumn("confidence", "text", (c) => c.notNull())
      .addColumn("reasons", "text", (c) => c.notNull())
      .addColumn("features", "text", (c) => c.notNull())
      .execute();
    let after = "";
    for (;;) {
      const page = await db
        .selectFrom("decisions")
        .select("run_id")
        .distinct()
        .where("run_id", ">", after)
        .orderBy("run_id")
        .limit(PAGE)
        .execute();
      for (const { run_id } of page) {
        const rows = await db.selectFrom("decisions").selectAll().where("run_id", "=", run_id).execute();
        await db
          .insertInto("run_decisions")
          .values({ run_id, ...(await encodeDecisions(rows.map(toDecision))) })
          .execute();
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.run_id;
    }
  },
  async down(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    // Runs stored since have their decisions only in the record: written back as rows first.
    const records = await db
      .selectFrom("run_decisions as r")
      .selectAll("r")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("decisions as d").select("d.run_id").whereRef("d.run_id", "=", "r.run_id"))),
      )
      .execute();
    for (const record of records) {
      const rows = decodeDecisions(record.run_id, record).map((d) => ({
        run_id: record.run_id,
        test_path: d.test_path,
        selected: d.selected ? 1 : 0,
        confidence: d.confidence,
        reasons: JSON.stringify(d.reasons),
        features: JSON.stringify(d.features),
      }));
      for (let start = 0; start < rows.length; start += 1000) {
        await db
          .insertInto("decisions")
          .values(rows.slice(start, start + 1000))
          .execute();
      }
    }
    await db.schema.dropTable("run_decisions").execute();
  },
};

/**
 * Issue 16: each organization's usage per calendar month, kept as runs are stored and priced, so
 * GET /v1/org reads a row instead of summing the month's runs. Filled from the runs so far.
 */
export const usageCountersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("usage_counters")
      .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
      .addColumn("period", "text", (c) => c.notNull())
      .addColumn("runs", "bigint", (c) => c.notNull())
      .addColumn("selections", "bigint", (c) => c.notNull())
      .addColumn("tests_skipped", "bigint", (c) => c.notNull())
      .addColumn("skipped_ms", "bigint", (c) => c.notNull())
      .addColumn("skipped_unmeasured", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("usage_counters_pk", ["org_id", "period"])
      .execute();
    await countUsageFromRuns(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("usage_counters").ifExists().execute();
  },
};

/** Fills the usage counters from the runs stored so far and their prices (the table empty before). */
export async function countUsageFromRuns(db: Kysely<unknown>): Promise<void> {
  await sql`insert into usage_counters
        (org_id, period, runs, selections, tests_skipped, skipped_ms, skipped_unmeasured)
      select r.org_id, substr(r.created_at, 1, 7), count(*),
        sum(case when r.mode = 'selective' then 1 else 0 end),
        sum(r.tests_total - r.tests_selected),
        coalesce(sum(s.skipped_ms), 0),
        coalesce(sum(s.skipped_tests - s.priced_tests), 0)
      from runs r left join run_savings s on s.run_id = r.id
      group by r.org_id, substr(r.created_at, 1, 7)`.execute(db);
}
