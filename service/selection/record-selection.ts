import type { GraphAlone, SelectionRequest } from "../../contract/selection.js";
import type { SelectionResult } from "../../selector/select/types.js";
import { learnedSelection } from "../learning/learned-selection.js";
import { mapInSlices } from "../loop-slices.js";
import type { RunDetail, RunStatus, Storage } from "../storage/storage.js";
import { runOrigin } from "./new-run.js";
import { selectTests } from "./select-tests.js";
import { validatePolicy } from "./validate-policy.js";

export interface RecordOptions {
  status: Extract<RunStatus, "pending" | "running">;
  policyRef?: string;
  now: Date;
  /** A sharded run: how many shards report, and what they share (shard-group.ts). */
  shards?: { total: number; group: string };
  /** The queued run a workflow_dispatch started this job for: it is the one adopted. */
  queuedRunId?: string;
  /** Runs queued before this have expired (routes/run-timeout.ts): none is adopted. */
  queuedSince?: Date;
}

/** Validates, decides and stores the run with every decision; nothing is stored when any step fails. */
export async function recordSelection(
  storage: Storage,
  orgId: string,
  input: SelectionRequest,
  options: RecordOptions,
): Promise<{
  result: SelectionResult;
  run: RunDetail & { joined?: true; decisionColumns?: readonly string[] };
  graphAlone?: GraphAlone;
}> {
  const origin = await runOrigin(storage, orgId, input, options.policyRef, options.now);
  const policy = validatePolicy(input.policy);
  const learned = await learnedSelection(storage, orgId, origin.repo_id, input, policy);
  const result = await selectTests(input, policy, learned.model);
  const run = await storage.createRun(
    orgId,
    {
      ...origin,
      // Nothing to run: the run is done the moment it is decided, instead of waiting for a
      // report that never comes (the action runs nothing, the shards are skipped).
      status: result.tests_selected === 0 ? "passed" : options.status,
      mode: result.mode,
      full_reason: result.full_reason ?? null,
      granularity: result.granularity,
      tests_selected: result.tests_selected,
      tests_total: result.tests_total,
      confidence_threshold: result.confidence_threshold,
      // Which model decided: a trained model's id, or "cold-start" for the graph-only selection.
      model_version: learned.modelVersion,
      branch: input.branch ?? null,
      pull_request: input.pull_request ?? null,
      event: input.event ?? null,
      actor: input.actor ?? null,
      ci_run_url: input.ci_run_url ?? null,
      shard_total: options.shards?.total ?? null,
      ...(options.shards ? { shard_group: options.shards.group } : {}),
      // The action's run (not a selection only) takes the place of a run queued for the commit.
      ...(options.status === "running"
        ? {
            adopt_queued: {
              since: options.queuedSince ?? new Date(0),
              ...(options.queuedRunId ? { id: options.queuedRunId } : {}),
            },
          }
        : {}),
    },
    // A literal, not a spread of each decision: one object per test either way, built faster.
    await mapInSlices(result.decisions, (slice, start) =>
      slice.map((d, i) => ({
        test_path: d.test_path,
        selected: d.selected,
        confidence: d.confidence,
        reasons: d.reasons,
        features: input.tests[start + i]!.features,
      })),
    ),
  );
  // Another shard stored the run first: its learning record is the run's.
  if (run.joined) return { result, run };
  await storage.learning.recordRunLearning(orgId, {
    ...learned.record,
    run_id: run.id,
    created_at: run.created_at,
    shadows: await learned.shadows(result.confidence_threshold),
  });
  return { result, run, ...graphAloneOf(result, await learned.graphAlone(result.confidence_threshold)) };
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
