import { type Static, Type } from "@sinclair/typebox";
import { MAX_INT32, Nullable, PageOf, PageQuery, StringEnum, Timestamp } from "./common.js";
import { RunDispatch } from "./dispatch.js";
import { countLimit } from "./limits.js";
import { Decision, RunExtras } from "./selection.js";
import { SelectionFields } from "./test-columns.js";

export const RunStatus = StringEnum(["queued", "pending", "running", "passed", "failed", "incomplete"], {
  description:
    "queued: triggered through the API, waiting for the action run that adopts it; pending: selected " +
    "only (POST /v1/selection); running: waiting for results (of every shard); passed/failed: every " +
    "shard reported (a run with nothing to run passes at once); incomplete: still running after the " +
    "run timeout (a late report completes it), or queued and adopted by no action run within the " +
    "queued timeout (none adopts it afterwards)",
});

export const RunSummary = Type.Object({
  id: Type.String(),
  repo_id: Type.String(),
  commit_sha: Type.String(),
  status: RunStatus,
  mode: StringEnum(["selective", "full"]),
  tests_selected: Type.Integer(),
  tests_total: Type.Integer(),
  duration_ms: Nullable(
    Type.Integer({
      description:
        "the test command's wall time as reported with the results (the longest when several jobs report); null until one is",
    }),
  ),
  created_at: Timestamp,
  branch: Nullable(Type.String()),
  pull_request: Nullable(Type.Integer()),
  event: Nullable(Type.String()),
  actor: Nullable(Type.String()),
  ci_run_url: Nullable(Type.String()),
  shard_total: Nullable(
    Type.Integer({ description: "shards that report to the run; null: one report completes it" }),
  ),
});
export type RunSummary = Static<typeof RunSummary>;

export const Outcome = StringEnum(["passed", "failed", "skipped"]);

export const TestResult = Type.Object({
  test_path: Type.String({ minLength: 1, maxLength: 1024 }),
  outcome: Outcome,
  duration_ms: Type.Integer({
    minimum: 0,
    maximum: MAX_INT32,
    description:
      "the test file's duration: the action sends its share of the test command's wall time (its whole time in the runner: environment, set-up, import and tests); from JUnit, its suite's or cases' time",
  }),
  message: Type.Optional(
    Type.String({
      maxLength: 4096,
      description:
        "a failed file's first failure, `<test>: <message>` (from JUnit, its first failing case's); kept for failed results only",
    }),
  ),
});

export const RunDetail = Type.Composite([
  RunSummary,
  Type.Object({
    base_sha: Nullable(Type.String()),
    policy_ref: Nullable(Type.String()),
    full_reason: Nullable(Type.String()),
    granularity: StringEnum(["symbol", "file"]),
    confidence_threshold: Type.Number(),
    model_version: Nullable(Type.String()),
    updated_at: Timestamp,
    decisions: Type.Array(Decision),
    results: Type.Array(TestResult),
    shards_reported: Type.Array(Type.Integer(), { description: "the shards that have reported, ascending" }),
    quarantined: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "failed tests known to be flaky: reported, but they do not fail the run (flaky.quarantine)",
      }),
    ),
    dispatch: Type.Optional(RunDispatch),
    ...RunExtras,
  }),
]);
export type RunDetail = Static<typeof RunDetail>;

export const RunsQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(RunStatus),
  repo_id: Type.Optional(Type.String({ maxLength: 64 })),
  branch: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  pull_request: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type RunsQuery = Static<typeof RunsQuery>;

export const RunList = Type.Object({
  runs: Type.Array(RunSummary),
  ...PageOf,
});
export type RunList = Static<typeof RunList>;

export const Shard = Type.Object(
  {
    index: Type.Integer({ minimum: 1, maximum: 1024 }),
    total: Type.Integer({ minimum: 1, maximum: 1024 }),
  },
  { description: "this job is shard `index` of `total` (1-based); the run completes when all have reported" },
);

/**
 * Triggering a run: `repo_id`, `commit_sha` and `policy_ref` alone queue it for the next action run
 * of that commit; with the selection input (`changed_files` and `tests`) it is decided at once.
 */
export const CreateRunRequest = Type.Composite([
  Type.Omit(SelectionFields, ["changed_files"]),
  Type.Object({
    changed_files: Type.Optional(SelectionFields.properties.changed_files),
    policy_ref: Type.Optional(Type.String({ maxLength: 256 })),
    shard: Type.Optional(Shard),
    queued_run_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "the queued run a workflow_dispatch started this job for (its superplane_run_id input): this run takes its place when it is still queued for the same commit",
      }),
    ),
  }),
]);
export type CreateRunRequest = Static<typeof CreateRunRequest>;

export const UnmappedResult = Type.Composite([
  TestResult,
  Type.Object({ reason: Type.Optional(Type.String({ maxLength: 4096 })) }),
]);

export const ResultsRequest = Type.Object({
  results: Type.Array(TestResult, countLimit("results")),
  duration_ms: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_INT32,
      description: "the test command's wall time, start to exit: the run's duration_ms",
    }),
  ),
  shard: Type.Optional(Shard),
  unmapped: Type.Optional(
    Type.Array(
      UnmappedResult,
      countLimit(
        "results",
        "results whose path the reporter could map to no test of the repository (and why): not " +
          "stored as any test's result, answered as warnings, and a failure among them fails the run",
      ),
    ),
  ),
});
export type ResultsRequest = Static<typeof ResultsRequest>;

/** For JUnit XML bodies, where the shard cannot go in the body. */
export const ResultsQuery = Type.Object({
  shard: Type.Optional(Type.String({ pattern: "^[0-9]{1,4}/[0-9]{1,4}$", description: "I/N, e.g. 2/3" })),
});
export type ResultsQuery = Static<typeof ResultsQuery>;

export const ResultWarning = Type.Object({
  code: StringEnum(["UNKNOWN_TEST", "REMAPPED", "UNMAPPED"]),
  test_path: Type.String(),
  message: Type.String(),
});

/** A report's answer: the run, and what in the report did not match the repository's tests. */
export const ResultsResponse = Type.Composite([
  RunDetail,
  Type.Object({
    warnings: Type.Array(ResultWarning, {
      description:
        "UNKNOWN_TEST: a result whose path is no test of the run (stored as given); REMAPPED: a " +
        "package-relative path stored as the only test of the run it names; UNMAPPED: a result " +
        "the reporter could not map (`unmapped`), not stored",
    }),
  }),
]);
