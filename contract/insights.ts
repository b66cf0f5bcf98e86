import { type Static, Type } from "@sinclair/typebox";
import { Nullable, RepoPath, Timestamp } from "./common.js";

/** A calendar day (the whole UTC day) or an exact instant. */
const DateOrTime = Type.Union([Type.String({ format: "date" }), Type.String({ format: "date-time" })]);

export const InsightsQuery = Type.Object({
  from: Type.Optional(DateOrTime),
  to: Type.Optional(DateOrTime),
});
export type InsightsQuery = Static<typeof InsightsQuery>;

const Counts = {
  runs: Type.Integer(),
  passed: Type.Integer(),
  failed: Type.Integer({ description: "runs with a failing test (quarantined flaky failures aside)" }),
  selective_runs: Type.Integer({ description: "runs that skipped tests (mode selective)" }),
  tests_selected: Type.Integer(),
  tests_total: Type.Integer(),
  time_saved_ms: Type.Integer({
    description: "skipped tests priced at their newest measured durations (unmeasured ones count nothing)",
  }),
};

export const InsightsDay = Type.Object({ day: Type.String({ format: "date" }), ...Counts });
export const InsightsWeek = Type.Object({
  week: Type.String({ format: "date", description: "the Monday that starts the week (UTC)" }),
  ...Counts,
});

export const ModelSafety = Type.Object({
  model: Type.String({ description: 'a model id, or "cold-start" for the dependency graph alone' }),
  runs: Type.Integer({ description: "canary full runs that recorded this model's selection" }),
  faulty_changes: Type.Integer({
    description: "of those, runs where at least one test failed (flaky aside)",
  }),
  faulty_changes_caught: Type.Integer({ description: "faulty changes where it kept a failing test" }),
  failing_tests: Type.Integer(),
  failing_tests_caught: Type.Integer({ description: "failing tests its selection kept" }),
  change_recall: Nullable(Type.Number({ description: "faulty_changes_caught / faulty_changes" })),
  test_recall: Nullable(Type.Number({ description: "failing_tests_caught / failing_tests" })),
  tests_skipped: Type.Integer({ description: "tests its selections would have skipped on those runs" }),
});
export type ModelSafety = Static<typeof ModelSafety>;

export const Insights = Type.Object({
  repo_id: Type.String(),
  from: Timestamp,
  to: Timestamp,
  totals: Type.Object({
    ...Counts,
    share_of_tests_run: Nullable(
      Type.Number({ description: "tests_selected / tests_total; null without runs" }),
    ),
  }),
  time_saved: Type.Object({
    per_day_ms: Type.Integer({ description: "mean over the days of the range" }),
    last_7_days_ms: Type.Integer(),
    previous_7_days_ms: Type.Integer(),
    trend: Nullable(
      Type.Number({
        description: "last 7 days against the 7 before, as a ratio; null when those saved nothing",
      }),
    ),
  }),
  days: Type.Array(InsightsDay),
  weeks: Type.Array(InsightsWeek),
  safety: Type.Object(
    {
      canary_runs: Type.Integer(),
      models: Type.Array(ModelSafety),
    },
    {
      description:
        "measured on canary full runs (everything ran, each model's selection recorded beside it), " +
        "in the terms of Meta's predictive test selection: faulty changes caught and failing tests caught",
    },
  ),
});
export type Insights = Static<typeof Insights>;

export const TestMetricsQuery = Type.Object({
  repo_id: Type.String({ minLength: 1, maxLength: 64 }),
  from: Type.Optional(DateOrTime),
  to: Type.Optional(DateOrTime),
  runs: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: "newest finished runs to use" }),
});
export type TestMetricsQuery = Static<typeof TestMetricsQuery>;

export const TestMetric = Type.Object({
  test_path: RepoPath,
  runs: Type.Integer({ description: "runs that reported it passed or failed" }),
  failures: Type.Integer(),
  failure_rate: Type.Number({ description: "failures / runs" }),
  p50_duration_ms: Type.Integer(),
  p95_duration_ms: Type.Integer({ description: "nearest rank over its runs" }),
  flaky: Type.Boolean({ description: "passed and failed on one commit within these runs" }),
  flaky_commits: Type.Integer(),
});
export type TestMetric = Static<typeof TestMetric>;

export const TestMetrics = Type.Object({
  repo_id: Type.String(),
  from: Timestamp,
  to: Timestamp,
  runs: Type.Integer({ description: "finished runs the numbers come from" }),
  tests: Type.Array(TestMetric),
});
export type TestMetrics = Static<typeof TestMetrics>;
