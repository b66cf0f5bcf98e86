import { z } from "zod";
import { CoverageRecordSchema } from "../../selector/coverage/records-file.js";

/**
 * The parts of the service's answers the action reads, checked when they arrive. A type test
 * (wire.test.ts) keeps each equal to the service's own route schema, so the two cannot drift.
 */
export const Decision = z.object({
  test_path: z.string(),
  selected: z.boolean(),
  confidence: z.number(),
  reasons: z.array(z.string()),
});
export type Decision = z.infer<typeof Decision>;

const Mode = z.enum(["selective", "full"]);

/** Beside a run a trained model decided: what the graph alone would have selected. */
export const GraphAlone = z.object({ tests_selected: z.number().int(), added_by_model: z.array(z.string()) });

/** Optional in every run answer: the service may predate them, or have no public URL. */
const RunExtras = { graph_alone: GraphAlone.optional(), dashboard_url: z.string().optional() };

export const RepoAnswer = z.object({ id: z.string().min(1), name: z.string() });

/** `POST /v1/selection` */
export const SelectionAnswer = z.object({
  run_id: z.string().min(1),
  mode: Mode,
  full_reason: z.string().optional(),
  tests_selected: z.number().int(),
  tests_total: z.number().int(),
  decisions: z.array(Decision),
  ...RunExtras,
});

export const TestResult = z.object({
  test_path: z.string(),
  outcome: z.enum(["passed", "failed", "skipped"]),
  duration_ms: z.number().int(),
  message: z.string().optional(),
});
export type TestResult = z.infer<typeof TestResult>;

/** `POST /v1/runs`, `GET /v1/runs/{id}`, `POST /v1/runs/{id}/results` */
export const RunAnswer = z.object({
  id: z.string().min(1),
  status: z.enum(["queued", "pending", "running", "passed", "failed", "incomplete"]),
  mode: Mode,
  full_reason: z.string().nullable(),
  tests_selected: z.number().int(),
  tests_total: z.number().int(),
  decisions: z.array(Decision),
  results: z.array(TestResult),
  shard_total: z.number().int().nullable(),
  shards_reported: z.array(z.number().int()),
  ...RunExtras,
});
export type RunAnswer = z.infer<typeof RunAnswer>;

/** `POST /v1/runs/{id}/results`: the run, and the reported paths that are no test of it. */
export const ResultsAnswer = RunAnswer.extend({
  warnings: z.array(
    z.object({
      code: z.enum(["UNKNOWN_TEST", "REMAPPED", "UNMAPPED"]),
      test_path: z.string(),
      message: z.string(),
    }),
  ),
});
export type ResultsAnswer = z.infer<typeof ResultsAnswer>;

/** `GET /v1/runs/{id}`, the fields that say where the run belongs. */
export const RunRefAnswer = z.object({
  id: z.string().min(1),
  repo_id: z.string().min(1),
  commit_sha: z.string().min(1),
  status: z.string(),
});
export type RunRefAnswer = z.infer<typeof RunRefAnswer>;

/** `GET /v1/runs` */
export const RunListAnswer = z.object({
  runs: z.array(z.object({ id: z.string(), status: z.string(), mode: Mode })),
});

/** `POST /v1/repos/{repo_id}/coverage/query` */
export const CoverageQueryAnswer = z.object({ records: z.array(CoverageRecordSchema) });

/** `PUT /v1/repos/{repo_id}/coverage` */
export const CoverageStoredAnswer = z.object({ stored: z.number().int() });

/** `PUT /v1/repos/{repo_id}/durations` */
export const DurationsStoredAnswer = z.object({ stored: z.number().int() });

/** `GET /v1/repos/{repo_id}/durations`: each measured test file's newest duration. */
export const DurationListAnswer = z.object({
  durations: z.array(
    z.object({
      test_path: z.string(),
      duration_ms: z.number().int(),
      measured_at: z.string(),
      commit_sha: z.string(),
    }),
  ),
});
