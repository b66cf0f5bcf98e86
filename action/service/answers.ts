import { type Static, Type } from "@sinclair/typebox";
import { Repo } from "../../contract/account.js";
import { CoverageRecords, CoverageStored } from "../../contract/coverage.js";
import { DurationList, DurationsStored } from "../../contract/durations.js";
import { ResultsResponse, RunDetail } from "../../contract/runs.js";
import { SelectionResponse } from "../../contract/selection.js";

/**
 * The answers the action reads, as the contract's own response schemas (contract/). Where the
 * action reads part of an answer it picks those fields from the schema rather than restating
 * them: it then works with a service that answers more, and never drifts from what it answers.
 */

/** `POST /v1/repos` */
export const RepoAnswer = Type.Pick(Repo, ["id", "name"]);

/**
 * Optional in every run answer: the service may predate them, or have no public URL;
 * `decision_columns` comes when the action asked for it (./selection-wire.ts).
 */
const EXTRAS = ["graph_alone", "dashboard_url", "decision_columns"] as const;

/** `POST /v1/selection` */
export const SelectionAnswer = Type.Pick(SelectionResponse, [
  "run_id",
  "mode",
  "full_reason",
  "tests_selected",
  "tests_total",
  "decisions",
  ...EXTRAS,
]);

const RUN_FIELDS = [
  "id",
  "status",
  "mode",
  "full_reason",
  "tests_selected",
  "tests_total",
  "decisions",
  "results",
  "shard_total",
  "shards_reported",
  ...EXTRAS,
] as const;

/** `POST /v1/runs`, `GET /v1/runs/{id}` */
export const RunAnswer = Type.Pick(RunDetail, RUN_FIELDS);
export type RunAnswer = Static<typeof RunAnswer>;

/** `POST /v1/runs/{id}/results`: the run, and the reported paths that are no test of it. */
export const ResultsAnswer = Type.Pick(ResultsResponse, [...RUN_FIELDS, "warnings"]);
export type ResultsAnswer = Static<typeof ResultsAnswer>;

/** `GET /v1/runs/{id}`, the fields that say where the run belongs. */
export const RunRefAnswer = Type.Pick(RunDetail, ["id", "repo_id", "commit_sha", "status"]);
export type RunRefAnswer = Static<typeof RunRefAnswer>;

/** `POST /v1/repos/{repo_id}/coverage/query` */
export const CoverageQueryAnswer = CoverageRecords;

/** `PUT /v1/repos/{repo_id}/coverage` */
export const CoverageStoredAnswer = CoverageStored;

/** `PUT /v1/repos/{repo_id}/durations` */
export const DurationsStoredAnswer = DurationsStored;

/** `GET /v1/repos/{repo_id}/durations`: each measured test file's newest duration. */
export const DurationListAnswer = DurationList;
