import type { Kysely } from "kysely";
import type { CanaryRun, CanarySettings, Shadow } from "../../../selector/model/canary.js";
import type { FailureStats } from "../../../selector/model/history.js";
import { failureStatsFromJson, failureStatsToJson } from "../../../selector/model/history-json.js";
import type { Example } from "../../../selector/model/train.js";
import type { TrainedModel } from "../../../selector/model/trained-model.js";
import { newId } from "../../random-id.js";
import type { Database, ModelsTable, RunLearningTable } from "../database-schema.js";
import {
  COLD_START,
  type ModelRecord,
  type RepoLearning,
  type Rollback,
  type RunLearning,
} from "../learning-storage.js";
import { toNumber } from "../row-mappers.js";
import { flakyPaths } from "./flaky.js";
import { enqueueEvent } from "./outbox.js";

function toModel(row: ModelsTable): ModelRecord {
  return {
    id: row.id,
    repo_id: row.repo_id,
    version: row.version,
    status: row.status,
    model: JSON.parse(row.model) as TrainedModel,
    created_at: row.created_at,
    promoted_at: row.promoted_at,
    retired_at: row.retired_at,
    reason: row.reason,
  };
}

function toRunLearning(row: RunLearningTable): RunLearning {
  return {
    run_id: row.run_id,
    repo_id: row.repo_id,
    commit_sha: row.commit_sha,
    created_at: row.created_at,
    changed_files: JSON.parse(row.changed_files) as string[],
    canary: JSON.parse(row.canary) as CanarySettings,
    flaky: JSON.parse(row.flaky) as { quarantine: boolean },
    is_canary: row.is_canary === 1,
    shadows: JSON.parse(row.shadows) as Shadow[],
  };
}

/** The repository's learning row, created empty on first use. */
export async function ensureRepoLearning(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto("repo_learning")
    .values({
      repo_id: repoId,
      org_id: orgId,
      serving_model_id: null,
      candidate_model_id: null,
      fallback_full: 0,
      failure_stats: JSON.stringify(
        failureStatsToJson({ fileRuns: new Map(), fileFailures: new Map(), recent: new Map() }),
      ),
      labelled_runs: 0,
      runs_since_model: 0,
      failures: 0,
      history_commits: 0,
      history_imported_at: null,
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("repo_id").doNothing())
    .execute();
}

/**
 * Creates the row if needed, then touches it: inside a transaction PostgreSQL holds the row lock
 * until commit, so two replicas changing one repository's state take turns.
 */
async function lockRepo(db: Kysely<Database>, orgId: string, repoId: string, now: Date) {
  await ensureRepoLearning(db, orgId, repoId, now);
  await db
    .updateTable("repo_learning")
    .set({ updated_at: now.toISOString() })
    .where("repo_id", "=", repoId)
    .where("org_id", "=", orgId)
    .execute();
  return db
    .selectFrom("repo_learning")
    .selectAll()
    .where("repo_id", "=", repoId)
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
}

async function modelById(db: Kysely<Database>, id: string | null): Promise<ModelRecord | undefined> {
  if (!id) return undefined;
  const row = await db.selectFrom("models").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toModel(row) : undefined;
}

export async function repoLearning(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
): Promise<RepoLearning> {
  const row = await db
    .selectFrom("repo_learning")
    .selectAll()
    .where("repo_id", "=", repoId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return {
    repo_id: repoId,
    serving: await modelById(db, row?.serving_model_id ?? null),
    candidate: await modelById(db, row?.candidate_model_id ?? null),
    fallbackFull: row?.fallback_full === 1,
    failureStats: failureStatsFromJson(row ? JSON.parse(row.failure_stats) : undefined),
    labelledRuns: row?.labelled_runs ?? 0,
    runsSinceModel: row?.runs_since_model ?? 0,
    failures: row?.failures ?? 0,
    historyCommits: row?.history_commits ?? 0,
    historyImportedAt: row?.history_imported_at ?? null,
  };
}

export async function recordRunLearning(db: Kysely<Database>, row: RunLearning): Promise<void> {
  await db
    .insertInto("run_learning")
    .values({
      run_id: row.run_id,
      repo_id: row.repo_id,
      commit_sha: row.commit_sha,
      created_at: row.created_at,
      changed_files: JSON.stringify(row.changed_files),
      canary: JSON.stringify(row.canary),
      flaky: JSON.stringify(row.flaky),
      is_canary: row.is_canary ? 1 : 0,
      shadows: JSON.stringify(row.shadows),
      examples: null,
      quarantined: "[]",
      learned: 0,
    })
    .execute();
}

export async function claimRunForLearning(
  db: Kysely<Database>,
  orgId: string,
  runId: string,
): Promise<RunLearning | undefined> {
  const owned = await db
    .selectFrom("runs")
    .select("id")
    .where("id", "=", runId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  if (!owned) return undefined;
  const claimed = await db
    .updateTable("run_learning")
    .set({ learned: 1 })
    .where("run_id", "=", runId)
    .where("learned", "=", 0)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) return undefined;
  const row = await db
    .selectFrom("run_learning")
    .selectAll()
    .where("run_id", "=", runId)
    .executeTakeFirstOrThrow();
  return toRunLearning(row);
}

/** Run inside a transaction (see LearningStorage.learnRun). */
export async function learnRun(
  db: Kysely<Database>,
  orgId: string,
  run: RunLearning,
  now: Date,
  fold: (stats: FailureStats) => { examples: Example[]; labelled: boolean; failures: number },
): Promise<void> {
  const row = await lockRepo(db, orgId, run.repo_id, now);
  const stats = failureStatsFromJson(JSON.parse(row.failure_stats));
  const learned = fold(stats);
  await db
    .updateTable("repo_learning")
    .set({
      failure_stats: JSON.stringify(failureStatsToJson(stats)),
      // A report without a pass or a failure (everything skipped) labels nothing.
      labelled_runs: row.labelled_runs + (learned.labelled ? 1 : 0),
      runs_since_model: row.runs_since_model + (learned.labelled ? 1 : 0),
      failures: row.failures + learned.failures,
    })
    .where("repo_id", "=", run.repo_id)
    .execute();
  const examples = learned.examples.map((e) => [...e.x, e.failed ? 1 : 0]);
  await db
    .updateTable("run_learning")
    .set({ examples: JSON.stringify(examples) })
    .where("run_id", "=", run.run_id)
    .execute();
}

export async function trainingExamples(
  db: Kysely<Database>,
  repoId: string,
  runs: number,
): Promise<Example[][]> {
  const rows = await db
    .selectFrom("run_learning")
    .select("examples")
    .where("repo_id", "=", repoId)
    .where("examples", "is not", null)
    .orderBy("created_at", "desc")
    .limit(runs)
    .execute();
  return rows.map((row) =>
    (JSON.parse(row.examples!) as number[][]).map((values) => ({
      x: values.slice(0, -1),
      failed: values[values.length - 1] === 1,
    })),
  );
}

export async function canaryRuns(
  db: Kysely<Database>,
  repoId: string,
  limit: number,
): Promise<(CanaryRun & { created_at: string })[]> {
  const rows = await db
    .selectFrom("run_learning")
    .select(["run_id", "shadows", "created_at"])
    .where("repo_id", "=", repoId)
    .where("is_canary", "=", 1)
    .where("learned", "=", 1)
    .orderBy("created_at", "desc")
    .orderBy("run_id", "desc")
    .limit(limit)
    .execute();
  const flaky = await flakyPaths(db, repoId);
  const out: (CanaryRun & { created_at: string })[] = [];
  for (const row of rows) {
    const failed = await db
      .selectFrom("results")
      .select("test_path")
      .where("run_id", "=", row.run_id)
      .where("outcome", "=", "failed")
      .execute();
    out.push({
      run_id: row.run_id,
      created_at: row.created_at,
      shadows: JSON.parse(row.shadows) as Shadow[],
      failed: failed.map((r) => r.test_path),
      flaky,
    });
  }
  return out;
}

export async function listModels(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
): Promise<ModelRecord[]> {
  const rows = await db
    .selectFrom("models")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("repo_id", "=", repoId)
    .orderBy("version", "desc")
    .execute();
  return rows.map(toModel);
}

async function setStatus(
  db: Kysely<Database>,
  id: string,
  status: ModelsTable["status"],
  now: Date,
  reason: string | null,
): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable("models")
    .set(
      status === "serving"
        ? { status, promoted_at: at, retired_at: null }
        : { status, retired_at: at, reason },
    )
    .where("id", "=", id)
    .execute();
}

/** Run inside a transaction. */
export async function addCandidate(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  model: TrainedModel,
  now: Date,
  rejected?: string,
): Promise<ModelRecord> {
  const state = await lockRepo(db, orgId, repoId, now);
  const last = await db
    .selectFrom("models")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("repo_id", "=", repoId)
    .executeTakeFirst();
  const version = toNumber(last?.version as number | string | null | undefined) + 1;
  if (state.candidate_model_id && rejected === undefined) {
    await setStatus(
      db,
      state.candidate_model_id,
      "rejected",
      now,
      `replaced by version ${version} before it was judged`,
    );
  }
  const row: ModelsTable = {
    id: newId("model"),
    org_id: orgId,
    repo_id: repoId,
    version,
    status: rejected === undefined ? "candidate" : "rejected",
    model: JSON.stringify(model),
    created_at: now.toISOString(),
    promoted_at: null,
    retired_at: rejected === undefined ? null : now.toISOString(),
    reason: rejected ?? null,
  };
  await db.insertInto("models").values(row).execute();
  await db
    .updateTable("repo_learning")
    .set(
      rejected === undefined ? { candidate_model_id: row.id, runs_since_model: 0 } : { runs_since_model: 0 },
    )
    .where("repo_id", "=", repoId)
    .execute();
  return toModel(row);
}

/** Run inside a transaction. */
export async function promoteCandidate(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  candidateId: string,
  now: Date,
): Promise<boolean> {
  const state = await lockRepo(db, orgId, repoId, now);
  if (state.candidate_model_id !== candidateId) return false;
  if (state.serving_model_id) {
    await setStatus(db, state.serving_model_id, "retired", now, `replaced by ${state.candidate_model_id}`);
  }
  await setStatus(db, state.candidate_model_id, "serving", now, null);
  await db
    .updateTable("repo_learning")
    .set({ serving_model_id: state.candidate_model_id, candidate_model_id: null, fallback_full: 0 })
    .where("repo_id", "=", repoId)
    .execute();
  return true;
}

/** Run inside a transaction. */
export async function rejectCandidate(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  candidateId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const state = await lockRepo(db, orgId, repoId, now);
  if (state.candidate_model_id !== candidateId) return false;
  await setStatus(db, state.candidate_model_id, "rejected", now, reason);
  await db
    .updateTable("repo_learning")
    .set({ candidate_model_id: null, runs_since_model: 0 })
    .where("repo_id", "=", repoId)
    .execute();
  return true;
}

/** Queues one delivery per webhook subscribed to `event`, with the outbox's payload envelope. */
/** Run inside a transaction (see LearningStorage.rollback). */
export async function rollback(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  what: Rollback,
  now: Date,
): Promise<{ from: string; to: string } | undefined> {
  const state = await lockRepo(db, orgId, repoId, now);
  const from = state.serving_model_id ?? COLD_START;
  // Judged on a model that no longer serves, or already down to full runs: nothing left to do.
  if (from !== what.from || (!state.serving_model_id && state.fallback_full === 1)) return undefined;
  let to: string;
  if (state.serving_model_id) {
    const current = await modelById(db, state.serving_model_id);
    await setStatus(db, state.serving_model_id, "rolled_back", now, what.reason);
    const previous = await db
      .selectFrom("models")
      .select("id")
      .where("repo_id", "=", repoId)
      .where("status", "=", "retired")
      .where("version", "<", current?.version ?? Number.MAX_SAFE_INTEGER)
      .orderBy("version", "desc")
      .executeTakeFirst();
    if (previous) await setStatus(db, previous.id, "serving", now, null);
    to = previous?.id ?? COLD_START;
    await db
      .updateTable("repo_learning")
      .set({ serving_model_id: previous?.id ?? null })
      .where("repo_id", "=", repoId)
      .execute();
  } else {
    to = "full";
    await db.updateTable("repo_learning").set({ fallback_full: 1 }).where("repo_id", "=", repoId).execute();
  }
  await enqueueEvent(
    db,
    orgId,
    "canary.rollback",
    {
      rollback: {
        repo_id: repoId,
        from_model: from,
        to_model: to,
        reason: what.reason,
        miss_rate: what.missRate,
        window: what.window,
        run_id: what.runId,
      },
    },
    now,
  );
  return { from, to };
}
