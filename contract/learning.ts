import { type Static, Type } from "@sinclair/typebox";
import { MAX_INT32, Nullable, RepoPath, StringEnum, Timestamp } from "./common.js";

export const CalibrationBucket = Type.Object({
  from: Type.Number(),
  to: Type.Number(),
  examples: Type.Integer(),
  predicted: Type.Number({ description: "mean predicted failure probability in the bucket" }),
  observed: Type.Number({ description: "observed failure rate in the bucket" }),
});

export const Model = Type.Object({
  id: Type.String(),
  repo_id: Type.String(),
  version: Type.Integer(),
  status: StringEnum(["candidate", "serving", "retired", "rolled_back", "rejected"]),
  created_at: Timestamp,
  promoted_at: Nullable(Timestamp),
  retired_at: Nullable(Timestamp),
  reason: Nullable(Type.String()),
  examples: Type.Integer({ description: "(change, test) pairs it was trained on" }),
  failures: Type.Integer(),
  positive_weight: Type.Integer({ description: "how many times each failure counted (class weighting)" }),
  weights: Type.Record(Type.String(), Type.Number(), {
    description: "per standardised input; `intercept` too",
  }),
  calibration: Type.Array(CalibrationBucket),
});
export type Model = Static<typeof Model>;

export const ModelList = Type.Object({
  repo_id: Type.String(),
  serving_model: Type.String({ description: 'the model deciding runs: a model id or "cold-start"' }),
  candidate_model: Nullable(Type.String()),
  full_runs_only: Type.Boolean({ description: "the graph-only selection rolled back: every run is full" }),
  labelled_runs: Type.Integer(),
  runs_since_model: Type.Integer(),
  failures: Type.Integer(),
  history: Type.Object({ commits: Type.Integer(), imported_at: Nullable(Timestamp) }),
  models: Type.Array(Model),
});
export type ModelList = Static<typeof ModelList>;

/** Co-change statistics computed by `superplane history import` from the repository's git log. */
export const HistoryImport = Type.Object({
  commits: Type.Integer({ minimum: 0, maximum: MAX_INT32, description: "commits read" }),
  files: Type.Array(
    Type.Object({ path: RepoPath, commits: Type.Integer({ minimum: 1, maximum: MAX_INT32 }) }),
    {
      maxItems: 500_000,
    },
  ),
  pairs: Type.Array(
    Type.Object({
      source: RepoPath,
      test: RepoPath,
      count: Type.Integer({ minimum: 1, maximum: MAX_INT32 }),
    }),
    {
      maxItems: 2_000_000,
    },
  ),
});
export type HistoryImport = Static<typeof HistoryImport>;

export const HistoryImported = Type.Object({
  repo_id: Type.String(),
  commits: Type.Integer(),
  files: Type.Integer(),
  pairs: Type.Integer(),
  imported_at: Timestamp,
});

export const FlakyQuery = Type.Object({ repo_id: Type.Optional(Type.String({ maxLength: 64 })) });
export type FlakyQuery = Static<typeof FlakyQuery>;

export const FlakyTest = Type.Object({
  repo_id: Type.String(),
  test_path: Type.String(),
  flaky_commits: Type.Integer({ description: "commits on which it both passed and failed" }),
  failures: Type.Integer({ description: "failed results among `runs`" }),
  runs: Type.Integer({
    description: "runs that reported it passed or failed, of the repository's newest 500 runs",
  }),
  last_seen_at: Timestamp,
  last_commit_sha: Type.String(),
});

export const FlakyList = Type.Object({ tests: Type.Array(FlakyTest) });
