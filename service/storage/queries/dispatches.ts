import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import type { RunStatus } from "../storage.js";
import { claimDue, type Lease, releaseLeases } from "./outbox-lease.js";

/** What a dispatch came to: sent, try again at `at`, given up, or not needed any more. */
export type DispatchOutcome =
  | { kind: "dispatched"; at: Date }
  | { kind: "retry"; at: Date; error: string }
  | { kind: "failed"; at: Date; error: string }
  | { kind: "skipped"; at: Date; error: string };

/** A leased outbox row with what sending it needs. */
export interface ClaimedDispatch {
  run_id: string;
  org_id: string;
  repo_id: string;
  /** owner/name */
  repo_name: string;
  /** Absent when the settings were removed since the run was queued. */
  settings?: { workflow: string; ref: string; token_sealed: string };
  /** The run's status now; absent when the run is gone. */
  run_status?: RunStatus;
  commit_sha: string;
  /** This send's number, counted at the claim like webhook deliveries. */
  attempt: number;
  created_at: string;
}

/**
 * Queues the dispatch of a run just queued through the API, in the caller's transaction, when its
 * repository has dispatch settings; true when it did.
 */
export async function enqueueDispatch(
  db: Kysely<Database>,
  orgId: string,
  run: { id: string; repo_id: string; created_at: string },
): Promise<boolean> {
  const settings = await db
    .selectFrom("repo_dispatch")
    .select("repo_id")
    .where("org_id", "=", orgId)
    .where("repo_id", "=", run.repo_id)
    .executeTakeFirst();
  if (!settings) return false;
  await db
    .insertInto("run_dispatches")
    .values({
      run_id: run.id,
      org_id: orgId,
      repo_id: run.repo_id,
      status: "pending",
      attempts: 0,
      next_attempt_at: run.created_at,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: run.created_at,
      finished_at: null,
    })
    .execute();
  return true;
}

/** Leases due dispatches (outbox-lease.ts) with their repository's settings and run. */
export async function claimDispatches(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  lease: Lease,
): Promise<ClaimedDispatch[]> {
  const claimed = await claimDue(db, engine, "run_dispatches", lease);
  if (claimed.length === 0) return [];
  const repoIds = [...new Set(claimed.map((row) => row.repo_id))];
  const repos = await db
    .selectFrom("repos")
    .leftJoin("repo_dispatch", "repo_dispatch.repo_id", "repos.id")
    .select([
      "repos.id",
      "repos.name",
      "repo_dispatch.workflow",
      "repo_dispatch.ref",
      "repo_dispatch.token_sealed",
    ])
    .where("repos.id", "in", repoIds)
    .execute();
  const runs = await db
    .selectFrom("runs")
    .select(["id", "status", "commit_sha"])
    .where(
      "id",
      "in",
      claimed.map((row) => row.run_id),
    )
    .execute();
  const repoById = new Map(repos.map((repo) => [repo.id, repo]));
  const runById = new Map(runs.map((run) => [run.id, run]));
  return claimed.flatMap((row) => {
    const repo = repoById.get(row.repo_id);
    // The repository was removed since the claim, and its dispatches with it.
    if (!repo) return [];
    const run = runById.get(row.run_id);
    const { run_id, org_id, repo_id, created_at } = row;
    return [
      {
        run_id,
        org_id,
        repo_id,
        created_at,
        attempt: row.attempts,
        repo_name: repo.name,
        commit_sha: run?.commit_sha ?? "",
        ...(run ? { run_status: run.status as RunStatus } : {}),
        ...(repo.workflow && repo.ref && repo.token_sealed
          ? { settings: { workflow: repo.workflow, ref: repo.ref, token_sealed: repo.token_sealed } }
          : {}),
      },
    ];
  });
}

function endOfLease(outcome: DispatchOutcome) {
  const released = { locked_by: null, locked_until: null };
  const at = outcome.at.toISOString();
  switch (outcome.kind) {
    case "dispatched":
      return { ...released, status: "dispatched" as const, finished_at: at, last_error: null };
    case "retry":
      return { ...released, next_attempt_at: at, last_error: outcome.error };
    case "failed":
    case "skipped":
      return { ...released, status: outcome.kind, finished_at: at, last_error: outcome.error };
  }
}

/**
 * Ends the lease with the outcome. A dispatch sent is true whoever holds the lease now; anything
 * else only from the lease holder, so a worker whose lease ran out cannot overrule another's send.
 */
export async function finishDispatch(
  db: Kysely<Database>,
  owner: string,
  runId: string,
  outcome: DispatchOutcome,
): Promise<void> {
  let update = db
    .updateTable("run_dispatches")
    .set(endOfLease(outcome))
    .where("run_id", "=", runId)
    .where("status", "=", "pending");
  if (outcome.kind !== "dispatched") update = update.where("locked_by", "=", owner);
  await update.execute();
}

export function releaseDispatches(db: Kysely<Database>, owner: string): Promise<number> {
  return releaseLeases(db, "run_dispatches", owner);
}
