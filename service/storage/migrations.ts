import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";
import { compactDecisionsMigration, usageCountersMigration } from "./migration-compact-storage.js";
import { runContextMigration } from "./migration-run-context.js";
import { decisionRecordPartsMigration } from "./migrations/0017_decision_record_parts.js";
import { recordLz4Migration } from "./migrations/0018_record_lz4.js";

/** Versioned in code so the bundled server carries its schema; names sort in the order they apply. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("organizations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("plan", "text", (c) => c.notNull())
        .addColumn("seats", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
        .addColumn("hash", "text", (c) => c.notNull().unique())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .addColumn("last_used_at", "text")
        .execute();
      await db.schema
        .createTable("repos")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("policy_path", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("repos_org_name", ["org_id", "name"])
        .execute();
      await createRunTables(db);
      await createWebhookTables(db);
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "webhook_outbox",
        "webhooks",
        "results",
        "decisions",
        "runs",
        "repos",
        "tokens",
        "organizations",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  "0002_webhook_deliveries": {
    async up(db: Kysely<unknown>) {
      // The lease owner lets a worker release exactly its own claims on a graceful stop.
      await db.schema.alterTable("webhook_outbox").addColumn("locked_by", "text").execute();
      await db.schema.alterTable("webhook_outbox").addColumn("failed_at", "text").execute();
      await db.schema
        .createTable("webhook_attempts")
        .addColumn("delivery_id", "text", (c) =>
          c.notNull().references("webhook_outbox.id").onDelete("cascade"),
        )
        .addColumn("attempt", "integer", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("status_code", "integer")
        .addColumn("error", "text")
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("webhook_attempts_pk", ["delivery_id", "attempt"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("webhook_attempts").ifExists().execute();
      await db.schema.alterTable("webhook_outbox").dropColumn("failed_at").execute();
      await db.schema.alterTable("webhook_outbox").dropColumn("locked_by").execute();
    },
  },
  "0002_rate_limit_windows": {
    async up(db: Kysely<unknown>) {
      // One counter per organization and minute, shared by every replica on the database.
      await db.schema
        .createTable("rate_limit_windows")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("rate_limit_windows_pk", ["key", "window_start"])
        .execute();
      await db.schema
        .createIndex("rate_limit_windows_start")
        .on("rate_limit_windows")
        .column("window_start")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("rate_limit_windows").ifExists().execute();
    },
  },
  "0004_service_token_expiry": {
    async up(db: Kysely<unknown>) {
      // Null for every existing token: they keep living until revoked, as before.
      await db.schema.alterTable("tokens").addColumn("expires_at", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("tokens").dropColumn("expires_at").execute();
    },
  },
  "0004_service_unchecked_run_rows": {
    // PostgreSQL checks a foreign key with a trigger call per row: 140 ms of a 5,000-test
    // selection, half its storage time. Decisions and results are only ever written in the
    // transaction that has just written or locked their run, so the key adds no safety there.
    async up(db: Kysely<unknown>) {
      if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
      await sql`alter table decisions drop constraint if exists decisions_run_id_fkey`.execute(db);
      await sql`alter table results drop constraint if exists results_run_id_fkey`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
      for (const table of ["decisions", "results"]) {
        await db.schema
          .alterTable(table)
          .addForeignKeyConstraint(`${table}_run_id_fkey`, ["run_id"], "runs", ["id"], (c) =>
            c.onDelete("cascade"),
          )
          .execute();
      }
    },
  },
  "0003_learning_loop": {
    up: createLearningTables,
    async down(db: Kysely<unknown>) {
      for (const table of [
        "flaky_observations",
        "co_change_pairs",
        "co_change_files",
        "run_learning",
        "models",
        "repo_learning",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  "0005_coverage_records": {
    // One row per test: an upload replaces the test's record, so the table never grows with runs.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("coverage_records")
        .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
        .addColumn("test_path", "text", (c) => c.notNull())
        .addColumn("commit_sha", "text", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("coverage_records_pk", ["repo_id", "test_path"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("coverage_records").ifExists().execute();
    },
  },
  "0006_test_durations": {
    // One row per test, like coverage: what a team measured before it set up the service.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("test_durations")
        .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
        .addColumn("test_path", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("measured_at", "text", (c) => c.notNull())
        .addColumn("commit_sha", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("test_durations_pk", ["repo_id", "test_path"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("test_durations").ifExists().execute();
    },
  },
  "0007_run_context": runContextMigration,
  "0010_idempotency": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("status", "integer")
        .addColumn("body", sql`bytea`)
        .addColumn("content_type", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["org_id", "key"])
        .execute();
      // Keys past their day are swept per organization.
      await db.schema
        .createIndex("idempotency_keys_org_created")
        .on("idempotency_keys")
        .columns(["org_id", "created_at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("idempotency_keys").ifExists().execute();
    },
  },
  "0011_dashboard": {
    // What each finished run saved, estimated once when its results arrive, so the dashboard sums
    // a column per run instead of looking up every skipped test's duration on each page view.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("run_savings")
        .addColumn("run_id", "text", (c) => c.primaryKey().references("runs.id").onDelete("cascade"))
        .addColumn("repo_id", "text", (c) => c.notNull())
        .addColumn("skipped_tests", "integer", (c) => c.notNull())
        .addColumn("priced_tests", "integer", (c) => c.notNull())
        .addColumn("skipped_ms", "integer", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("run_savings").ifExists().execute();
    },
  },
  "0011_dashboard_latest_durations": {
    // Each test's newest duration, kept as results arrive: pricing a run's skipped tests is then
    // one lookup each, however long the history or large the suite. (Apart from 0011_dashboard,
    // which was already merged and may have run.)
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("latest_durations")
        .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
        .addColumn("test_path", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("run_created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("latest_durations_pk", ["repo_id", "test_path"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("latest_durations").ifExists().execute();
    },
  },
  "0015_repo_github_token": {
    // workflow_dispatch for runs queued through the API: each repository's settings (its GitHub
    // token sealed with the operator's key), and an outbox the dispatch worker leases from.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("repo_dispatch")
        .addColumn("repo_id", "text", (c) => c.primaryKey().references("repos.id").onDelete("cascade"))
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("workflow", "text", (c) => c.notNull())
        .addColumn("ref", "text", (c) => c.notNull())
        .addColumn("token_sealed", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // No key to runs: adopting a queued run replaces its row (same id), and the dispatch's
      // record of what happened outlives that.
      await db.schema
        .createTable("run_dispatches")
        .addColumn("run_id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("locked_by", "text")
        .addColumn("locked_until", "text")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .execute();
      await db.schema
        .createIndex("run_dispatches_due")
        .on("run_dispatches")
        .columns(["status", "next_attempt_at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("run_dispatches").ifExists().execute();
      await db.schema.dropTable("repo_dispatch").ifExists().execute();
    },
  },
  "0012_one_duration_table": {
    // test_durations keeps every file's newest measurement (reported with a run or uploaded):
    // latest_durations (0011) kept the same for reported results only, so it goes.
    async up(db: Kysely<unknown>) {
      await db.schema.dropTable("latest_durations").ifExists().execute();
    },
    async down() {},
  },
  "0013_compact_decisions": compactDecisionsMigration,
  "0014_usage_counters": usageCountersMigration,
  "0016_result_messages": {
    // A failed file's first failure ("<test>: <message>"), for the run page; NULL when it passed.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("results").addColumn("message", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("results").dropColumn("message").execute();
    },
  },
  "0017_decision_record_parts": decisionRecordPartsMigration,
  "0018_record_lz4": recordLz4Migration,
};

async function createRunTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("commit_sha", "text", (c) => c.notNull())
    .addColumn("base_sha", "text")
    .addColumn("policy_ref", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("full_reason", "text")
    .addColumn("granularity", "text", (c) => c.notNull())
    .addColumn("tests_selected", "integer", (c) => c.notNull())
    .addColumn("tests_total", "integer", (c) => c.notNull())
    .addColumn("threshold", "double precision", (c) => c.notNull())
    .addColumn("model_version", "text")
    .addColumn("duration_ms", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("runs_org_created").on("runs").columns(["org_id", "created_at"]).execute();
  await db.schema.createIndex("runs_repo_created").on("runs").columns(["repo_id", "created_at"]).execute();
  await db.schema
    .createTable("decisions")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("test_path", "text", (c) => c.notNull())
    .addColumn("selected", "integer", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("features", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("decisions_pk", ["run_id", "test_path"])
    .execute();
  await db.schema
    .createTable("results")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("test_path", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("results_pk", ["run_id", "test_path"])
    .execute();
  // Minutes saved looks up a skipped test's last recorded duration by path.
  await db.schema.createIndex("results_test_path").on("results").column("test_path").execute();
}

async function createWebhookTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhooks_org").on("webhooks").column("org_id").execute();
  await db.schema
    .createTable("webhook_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // The delivery worker claims due, undelivered rows; this keeps that scan short.
  await db.schema
    .createIndex("webhook_outbox_due")
    .on("webhook_outbox")
    .columns(["delivered_at", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("webhook_outbox_webhook")
    .on("webhook_outbox")
    .columns(["webhook_id", "created_at"])
    .execute();
}

/** The learning loop (issue 5): per repository state, versioned models, run history, co-change, flakiness. */
async function createLearningTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("repo_learning")
    .addColumn("repo_id", "text", (c) => c.primaryKey().references("repos.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("serving_model_id", "text")
    .addColumn("candidate_model_id", "text")
    .addColumn("fallback_full", "integer", (c) => c.notNull())
    .addColumn("failure_stats", "text", (c) => c.notNull())
    .addColumn("labelled_runs", "integer", (c) => c.notNull())
    .addColumn("runs_since_model", "integer", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("history_commits", "integer", (c) => c.notNull())
    .addColumn("history_imported_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("models")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("promoted_at", "text")
    .addColumn("retired_at", "text")
    .addColumn("reason", "text")
    .addUniqueConstraint("models_repo_version", ["repo_id", "version"])
    .execute();
  await db.schema
    .createTable("run_learning")
    .addColumn("run_id", "text", (c) => c.primaryKey().references("runs.id").onDelete("cascade"))
    .addColumn("repo_id", "text", (c) => c.notNull())
    .addColumn("commit_sha", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("changed_files", "text", (c) => c.notNull())
    .addColumn("canary", "text", (c) => c.notNull())
    .addColumn("flaky", "text", (c) => c.notNull())
    .addColumn("is_canary", "integer", (c) => c.notNull())
    .addColumn("shadows", "text", (c) => c.notNull())
    .addColumn("examples", "text")
    .addColumn("quarantined", "text", (c) => c.notNull())
    .addColumn("learned", "integer", (c) => c.notNull())
    .execute();
  // The canary reads a repository's newest full runs; training reads its newest labelled runs.
  await db.schema
    .createIndex("run_learning_repo_canary")
    .on("run_learning")
    .columns(["repo_id", "is_canary", "created_at"])
    .execute();
  await db.schema
    .createTable("co_change_files")
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("commits", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("co_change_files_pk", ["repo_id", "path"])
    .execute();
  await db.schema
    .createTable("co_change_pairs")
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("source_path", "text", (c) => c.notNull())
    .addColumn("test_path", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("co_change_pairs_pk", ["repo_id", "source_path", "test_path"])
    .execute();
  await db.schema
    .createTable("flaky_observations")
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("test_path", "text", (c) => c.notNull())
    .addColumn("commit_sha", "text", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("flaky_observations_pk", ["repo_id", "test_path", "commit_sha"])
    .execute();
  // Flaky detection looks for other runs of the same commit.
  await db.schema.createIndex("runs_repo_commit").on("runs").columns(["repo_id", "commit_sha"]).execute();
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
