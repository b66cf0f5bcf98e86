import type { Kysely, Migration } from "kysely";

/**
 * Issue 15: where a run came from (branch, pull request, event, actor, the CI run), how many
 * shards report to it, and which of them have. Kept beside migrations.ts so the run's own
 * columns read in one place.
 */
export const runContextMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [column, type] of [
      ["branch", "text"],
      ["pull_request", "integer"],
      ["event", "text"],
      ["actor", "text"],
      ["ci_run_url", "text"],
      // null: not sharded, one report completes the run.
      ["shard_total", "integer"],
      // The CI run, job and commit the shards share: a shard's POST /v1/runs joins the run it names.
      ["shard_group", "text"],
    ] as const) {
      await db.schema.alterTable("runs").addColumn(column, type).execute();
    }
    // NULLs are distinct in both engines: unsharded runs never collide.
    await db.schema
      .createIndex("runs_repo_shard_group")
      .on("runs")
      .columns(["repo_id", "shard_group"])
      .unique()
      .execute();
    // The run list filters by branch and pull request, newest first.
    await db.schema
      .createIndex("runs_org_branch")
      .on("runs")
      .columns(["org_id", "branch", "created_at"])
      .execute();
    await db.schema
      .createIndex("runs_org_pull_request")
      .on("runs")
      .columns(["org_id", "pull_request", "created_at"])
      .execute();
    // Reading a run turns it incomplete once it waited too long: this keeps that scan short.
    await db.schema.createIndex("runs_status_updated").on("runs").columns(["status", "updated_at"]).execute();
    await db.schema
      .createTable("run_shards")
      .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
      .addColumn("shard", "integer", (c) => c.notNull())
      .addColumn("reported_at", "text", (c) => c.notNull())
      // Failed results the reporter could not map to a test: they fail the run, stored nowhere else.
      .addColumn("unmapped_failed", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("run_shards_pk", ["run_id", "shard"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("run_shards").ifExists().execute();
    for (const index of [
      "runs_status_updated",
      "runs_org_pull_request",
      "runs_org_branch",
      "runs_repo_shard_group",
    ]) {
      await db.schema.dropIndex(index).ifExists().execute();
    }
    for (const column of [
      "shard_group",
      "shard_total",
      "ci_run_url",
      "actor",
      "event",
      "pull_request",
      "branch",
    ]) {
      await db.schema.alterTable("runs").dropColumn(column).execute();
    }
  },
};
