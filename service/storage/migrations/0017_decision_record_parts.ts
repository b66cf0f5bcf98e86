import type { Kysely, Migration } from "kysely";
import type { Database } from "../database-schema.js";
import { type DecisionRecord, decodeDecisionParts, encodeDecisions } from "../decision-record.js";

/**
 * Issue 16: a large run's decision record in parts of PART_TESTS tests (`run_decision_parts`), one
 * row and one INSERT each, so storing 100,000 decisions is no longer one 10 MB statement. A run
 * that fits one part keeps its single `run_decisions` row, which a replica of the previous version
 * reads during a rolling upgrade; nothing to convert.
 */
export const decisionRecordPartsMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    let table = untyped.schema
      .createTable("run_decision_parts")
      .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
      .addColumn("part", "integer", (c) => c.notNull())
      .addColumn("tests", "integer", (c) => c.notNull());
    // A part holds the text columns of a `run_decisions` record (0016), for its share of the tests.
    for (const column of ["paths", "selected", "confidence", "reasons", "features"]) {
      table = table.addColumn(column, "text", (c) => c.notNull());
    }
    await table.addPrimaryKeyConstraint("run_decision_parts_pk", ["run_id", "part"]).execute();
  },
  async down(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    // Runs stored in parts since are joined into one record each, which the previous version reads.
    const runs = await db.selectFrom("run_decision_parts").select("run_id").distinct().execute();
    for (const { run_id } of runs) {
      const parts = await db
        .selectFrom("run_decision_parts")
        .selectAll()
        .where("run_id", "=", run_id)
        .orderBy("part")
        .execute();
      const decisions = decodeDecisionParts(run_id, parts as DecisionRecord[]);
      await db
        .insertInto("run_decisions")
        .values({ run_id, ...(await encodeDecisions(decisions)) })
        .execute();
    }
    await db.schema.dropTable("run_decision_parts").execute();
  },
};
