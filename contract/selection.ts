import { type Static, Type } from "@sinclair/typebox";
import { Nullable, RepoPath, Sha, StringEnum } from "./common.js";
import { CoverageVerdict } from "./coverage.js";
import { DecisionColumns } from "./decision-columns.js";
import { countLimit } from "./limits.js";

export const TestFeatures = Type.Object({
  reachable: Type.Boolean(),
  distance: Type.Integer({ minimum: 0 }),
  symbolHit: Type.Boolean(),
  weakOnly: Type.Boolean(),
  changedFilesReaching: Type.Integer({ minimum: 0 }),
  maxFanIn: Type.Integer({ minimum: 0 }),
  typeTest: Type.Boolean(),
});

export const ChangeStatus = StringEnum(["added", "modified", "deleted", "renamed", "copied", "type-changed"]);

export const ChangedFile = Type.Object({
  path: RepoPath,
  status: ChangeStatus,
  old_path: Type.Optional(RepoPath),
});

/** What a test may carry beside its path and features; most tests carry none of it. */
export const TestDetails = {
  graph_path: Type.Optional(Type.Array(RepoPath, { maxItems: 256 })),
  used_names: Type.Optional(Type.Array(Type.String({ maxLength: 256 }), { maxItems: 256 })),
  forced: Type.Optional(Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 32 })),
  /** How the graph reached it when no name explains it: for the reason text. */
  reach: Type.Optional(StringEnum(["loads-changed-code", "types-only"])),
  /** A type checker reads the test: coverage cannot clear it (a type change can fail it whatever runs). */
  type_checked: Type.Optional(Type.Boolean()),
  /** The change reaches the test in a way recorded coverage cannot see (exports, packages, files read). */
  coverage_blind: Type.Optional(Type.Boolean()),
  /** What the test's recorded coverage says of the change, computed by the action against the revision. */
  coverage: Type.Optional(CoverageVerdict),
};

export const TestInput = Type.Object({ path: RepoPath, features: TestFeatures, ...TestDetails });

/** What the action sends: the evidence the graph gave, never source code. */
export const SelectionRequest = Type.Object({
  repo_id: Type.String({ minLength: 1, maxLength: 64 }),
  commit_sha: Sha,
  base_sha: Type.Optional(Sha),
  confidence_threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  granularity: Type.Optional(StringEnum(["symbol", "file"])),
  changed_files: Type.Array(ChangedFile, countLimit("changed_files")),
  tests: Type.Array(TestInput, countLimit("selection_tests")),
  full_reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  /** The policy file as YAML text, or already parsed; validated with the selector's schema. */
  policy: Type.Optional(
    Type.Union([Type.String({ maxLength: 65_536 }), Type.Object({}, { additionalProperties: true })]),
  ),
  /** Where the run comes from, stored on the run and filterable (GET /v1/runs). */
  branch: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  pull_request: Type.Optional(Type.Integer({ minimum: 1 })),
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  ci_run_url: Type.Optional(
    Type.String({ minLength: 1, maxLength: 2048, description: "the CI run (a GitHub workflow run's page)" }),
  ),
  ci_job: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 256,
      description: "the CI job's id: the shards of one job of one CI run report to one run",
    }),
  ),
});
export type SelectionRequest = Static<typeof SelectionRequest>;

export const Decision = Type.Object({
  test_path: Type.String(),
  selected: Type.Boolean(),
  confidence: Type.Number(),
  reasons: Type.Array(Type.String()),
});

export const SelectionWarning = Type.Object({
  code: Type.String(),
  message: Type.String(),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
});

/** The selector's SelectionResult on the wire (a type test keeps the two equal). */
export const SelectionResult = Type.Object({
  mode: StringEnum(["selective", "full"]),
  full_reason: Type.Optional(Type.String()),
  confidence_threshold: Type.Number(),
  granularity: StringEnum(["symbol", "file"]),
  tests_selected: Type.Integer(),
  tests_total: Type.Integer(),
  decisions: Type.Array(Decision),
  deleted_tests: Type.Array(Type.String()),
  changed_files: Type.Array(ChangedFile),
  warnings: Type.Array(SelectionWarning),
  timings: Type.Record(Type.String(), Type.Number()),
});
export type SelectionResult = Static<typeof SelectionResult>;

/** What the graph alone would have selected, beside a run a trained model decided. */
export const GraphAlone = Type.Object(
  {
    tests_selected: Type.Integer(),
    added_by_model: Type.Array(Type.String(), {
      description: "tests the model selected that the graph alone (with git co-change) would have skipped",
    }),
  },
  { description: "present when a trained model decided a selective run" },
);
export type GraphAlone = Static<typeof GraphAlone>;

/** Fields of a run's creation answer beside the selection. */
export const RunExtras = {
  decision_columns: Type.Optional(DecisionColumns),
  graph_alone: Type.Optional(GraphAlone),
  dashboard_url: Type.Optional(
    Type.String({ description: "the run's page on the dashboard, when the service has a public URL" }),
  ),
};

export const SelectionResponse = Type.Composite([
  Type.Object({ run_id: Type.String(), model_version: Nullable(Type.String()), ...RunExtras }),
  SelectionResult,
]);
export type SelectionResponse = Static<typeof SelectionResponse>;
