import type { TestFeatures } from "../../selector/model/features.js";
import type { DecisionsTable, ReposTable, RunsTable, WebhooksTable } from "./database-schema.js";
import type { Repo, Run, StoredDecision, Webhook, WebhookEvent } from "./storage.js";

export function toRepo(row: ReposTable): Repo {
  return {
    id: row.id,
    name: row.name,
    policy_path: row.policy_path,
    status: row.status,
    created_at: row.created_at,
  };
}

export function toRun(row: RunsTable): Run {
  return {
    id: row.id,
    repo_id: row.repo_id,
    commit_sha: row.commit_sha,
    base_sha: row.base_sha,
    policy_ref: row.policy_ref,
    status: row.status,
    mode: row.mode,
    full_reason: row.full_reason,
    granularity: row.granularity,
    tests_selected: row.tests_selected,
    tests_total: row.tests_total,
    confidence_threshold: row.threshold,
    model_version: row.model_version,
    duration_ms: row.duration_ms,
    created_at: row.created_at,
    updated_at: row.updated_at,
    branch: row.branch,
    // PostgreSQL's integer reads back as a number; kept explicit for SQLite's bigint mode.
    pull_request: row.pull_request === null ? null : Number(row.pull_request),
    event: row.event,
    actor: row.actor,
    ci_run_url: row.ci_run_url,
    shard_total: row.shard_total === null ? null : Number(row.shard_total),
  };
}

export function toDecision(row: DecisionsTable): StoredDecision {
  return {
    test_path: row.test_path,
    selected: row.selected === 1,
    confidence: row.confidence,
    reasons: JSON.parse(row.reasons) as string[],
    features: JSON.parse(row.features) as TestFeatures,
  };
}

export function toWebhook(row: Omit<WebhooksTable, "secret">): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    created_at: row.created_at,
  };
}

/** PostgreSQL returns COUNT and SUM over integers as bigint strings; SQLite as numbers. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
