import { type Static, Type } from "@sinclair/typebox";
import { MAX_INT32, Nullable, StringEnum, Timestamp } from "./common.js";
import { Decision, RunExtras, SelectionRequest } from "./selection.js";

export const RunStatus = StringEnum(["queued", "pending", "running", "passed", "failed"]);

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
    quarantined: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "failed tests known to be flaky: reported, but they do not fail the run (flaky.quarantine)",
      }),
    ),
    ...RunExtras,
  }),
]);
export type RunDetail = Static<typeof RunDetail>;

export const RunsQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  per_page: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  status: Type.Optional(RunStatus),
  repo_id: Type.Optional(Type.String({ maxLength: 64 })),
});
export type RunsQuery = Static<typeof RunsQuery>;

export const RunList = Type.Object({
  runs: Type.Array(RunSummary),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total: Type.Integer(),
});
export type RunList = Static<typeof RunList>;

/**
 * Triggering a run: `repo_id`, `commit_sha` and `policy_ref` alone queue it for the next action run
 * of that commit; with the selection input (`changed_files` and `tests`) it is decided at once.
 */
export const CreateRunRequest = Type.Composite([
  Type.Omit(SelectionRequest, ["changed_files", "tests"]),
  Type.Object({
    changed_files: Type.Optional(SelectionRequest.properties.changed_files),
    tests: Type.Optional(SelectionRequest.properties.tests),
    policy_ref: Type.Optional(Type.String({ maxLength: 256 })),
  }),
]);
export type CreateRunRequest = Static<typeof CreateRunRequest>;

export const ResultsRequest = Type.Object({
  results: Type.Array(TestResult, { maxItems: 100_000 }),
  duration_ms: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_INT32,
      description: "the test command's wall time, start to exit: the run's duration_ms",
    }),
  ),
});
export type ResultsRequest = Static<typeof ResultsRequest>;
