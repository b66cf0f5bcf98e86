import type { Kysely } from "kysely";
import type { Database } from "./database-schema.js";
import {
  type ClaimedDispatch,
  claimDispatches,
  type DispatchOutcome,
  finishDispatch,
  releaseDispatches,
} from "./queries/dispatches.js";

/** A repository's workflow_dispatch settings as the API shows them: never the token itself. */
export interface DispatchSettings {
  repo_id: string;
  workflow: string;
  ref: string;
  github_token_set: true;
  updated_at: string;
}

/** What became of dispatching a run queued through the API, as GET /v1/runs/{id} shows it. */
export interface RunDispatch {
  status: "pending" | "dispatched" | "failed" | "skipped";
  attempts: number;
  /** GitHub's answer (or the network error) to the last attempt that did not succeed. */
  last_error: string | null;
  /** When a pending dispatch is next tried. */
  next_attempt_at: string | null;
  finished_at: string | null;
}

/**
 * workflow_dispatch for runs queued through the API: each repository's settings, with its GitHub
 * token sealed by the caller (auth/secret-box.ts), and the outbox the dispatch worker sends from.
 */
export class DispatchStorage {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: "sqlite" | "postgres",
  ) {}

  async settings(orgId: string, repoId: string): Promise<DispatchSettings | undefined> {
    const row = await this.db
      .selectFrom("repo_dispatch")
      .select(["repo_id", "workflow", "ref", "updated_at"])
      .where("org_id", "=", orgId)
      .where("repo_id", "=", repoId)
      .executeTakeFirst();
    return row ? { ...row, github_token_set: true } : undefined;
  }

  /**
   * Replaces the repository's settings; without `token_sealed` the stored token stays, and
   * nothing is saved (undefined) when there is none. The caller has checked the repository is
   * the organization's.
   */
  async saveSettings(
    orgId: string,
    settings: { repo_id: string; workflow: string; ref: string; token_sealed?: string },
    now: Date,
  ): Promise<DispatchSettings | undefined> {
    const updated_at = now.toISOString();
    const changes = { workflow: settings.workflow, ref: settings.ref, updated_at };
    if (settings.token_sealed === undefined) {
      const result = await this.db
        .updateTable("repo_dispatch")
        .set(changes)
        .where("org_id", "=", orgId)
        .where("repo_id", "=", settings.repo_id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
    } else {
      const row = {
        ...changes,
        repo_id: settings.repo_id,
        org_id: orgId,
        token_sealed: settings.token_sealed,
      };
      await this.db
        .insertInto("repo_dispatch")
        .values(row)
        .onConflict((oc) => oc.column("repo_id").doUpdateSet({ ...changes, token_sealed: row.token_sealed }))
        .execute();
    }
    return { repo_id: settings.repo_id, ...changes, github_token_set: true };
  }

  /** False when the repository had none. Dispatches still pending then fail, saying why. */
  async deleteSettings(orgId: string, repoId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("repo_dispatch")
      .where("org_id", "=", orgId)
      .where("repo_id", "=", repoId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** One stored token, to check at start-up that the operator's key opens what is stored. */
  async sealedTokenSample(): Promise<{ repo_id: string; token_sealed: string } | undefined> {
    return this.db
      .selectFrom("repo_dispatch")
      .select(["repo_id", "token_sealed"])
      .limit(1)
      .executeTakeFirst();
  }

  async dispatchOf(orgId: string, runId: string): Promise<RunDispatch | undefined> {
    const row = await this.db
      .selectFrom("run_dispatches")
      .select(["status", "attempts", "last_error", "next_attempt_at", "finished_at"])
      .where("org_id", "=", orgId)
      .where("run_id", "=", runId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { ...row, next_attempt_at: row.status === "pending" ? row.next_attempt_at : null };
  }

  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDispatch[]> {
    return claimDispatches(this.db, this.engine, { owner, now, leaseMs, limit });
  }

  finish(owner: string, runId: string, outcome: DispatchOutcome): Promise<void> {
    return finishDispatch(this.db, owner, runId, outcome);
  }

  release(owner: string): Promise<number> {
    return releaseDispatches(this.db, owner);
  }
}
