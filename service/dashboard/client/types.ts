/** The API's shapes as the dashboard reads them (type-only: nothing of the service is bundled). */

export type { Repo } from "../../../contract/account.js";
export type { Insights, ModelSafety, TestMetrics } from "../../../contract/insights.js";
export type { Model, ModelList } from "../../../contract/learning.js";

import type { Static } from "@sinclair/typebox";
import type { FlakyList } from "../../../contract/learning.js";

export type FlakyTests = Static<typeof FlakyList>;

import type { RunDetail as ApiRunDetail, RunSummary as ApiRunSummary } from "../../../contract/runs.js";

/**
 * Context a run may carry once the service records it (branch, pull request, shards, failure
 * messages): shown when present, so the page needs no change when the columns arrive.
 */
export interface RunContext {
  branch?: string | null;
  pull_request?: number | null;
  event?: string | null;
  actor?: string | null;
  /** The CI run that reported it (a GitHub Actions run page). */
  ci_run_url?: string | null;
  /** Shards that report to the run; null: one report completes it. */
  shard_total?: number | null;
  shards_reported?: number[];
}

export type RunSummary = ApiRunSummary & RunContext;
export type RunDetail = ApiRunDetail & RunContext;
export interface RunList {
  runs: RunSummary[];
  page: number;
  per_page: number;
  total: number;
}
