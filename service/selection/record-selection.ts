import type { SelectionResult } from "../../selector/select/types.js";
import { notFound } from "../api-error.js";
import { learnedSelection } from "../learning/learned-selection.js";
import { newId } from "../random-id.js";
import type { GraphAlone, SelectionRequest } from "../schemas/selection.js";
import type { RunDetail, RunStatus, Storage } from "../storage/storage.js";
import { selectTests } from "./select-tests.js";
import { validatePolicy } from "./validate-policy.js";

export interface RecordOptions {
  status: Extract<RunStatus, "pending" | "running">;
  policyRef?: string;
  now: Date;
}

/** Validates, decides and stores the run with every decision; nothing is stored when any step fails. */
export async function recordSelection(
  storage: Storage,
  orgId: string,
  input: SelectionRequest,
  options: RecordOptions,
): Promise<{ result: SelectionResult; run: RunDetail; graphAlone?: GraphAlone }> {
  const repo = await storage.getRepo(orgId, input.repo_id);
  if (!repo) throw notFound("repository", input.repo_id);
  const policy = validatePolicy(input.policy);
  const learned = await learnedSelection(storage, orgId, repo.id, input, policy);
  const result = selectTests(input, policy, learned.model);
  const run = await storage.createRun(
    orgId,
    {
      id: newId("run"),
      repo_id: repo.id,
      commit_sha: input.commit_sha,
      base_sha: input.base_sha ?? null,
      policy_ref: options.policyRef ?? null,
      status: options.status,
      mode: result.mode,
      full_reason: result.full_reason ?? null,
      granularity: result.granularity,
      tests_selected: result.tests_selected,
      tests_total: result.tests_total,
      confidence_threshold: result.confidence_threshold,
      // Which model decided: a trained model's id, or "cold-start" for the graph-only selection.
      model_version: learned.modelVersion,
      created_at: options.now.toISOString(),
    },
    result.decisions.map((decision, index) => ({ ...decision, features: input.tests[index]!.features })),
  );
  await storage.learning.recordRunLearning(orgId, {
    ...learned.record,
    run_id: run.id,
    created_at: run.created_at,
    shadows: learned.shadows(result.confidence_threshold),
  });
  return { result, run, ...graphAloneOf(result, learned.graphAlone(result.confidence_threshold)) };
}

/** Beside a selection a trained model made: what the graph alone would have run, and what it added. */
function graphAloneOf(result: SelectionResult, graph: string[] | undefined): { graphAlone?: GraphAlone } {
  if (!graph || result.mode !== "selective") return {};
  const byGraph = new Set(graph);
  const added = result.decisions
    .filter((d) => d.selected && !byGraph.has(d.test_path))
    .map((d) => d.test_path);
  return { graphAlone: { tests_selected: graph.length, added_by_model: added } };
}
