import type { CreateRunRequest } from "../../contract/runs.js";
import type { SelectionRequest } from "../../contract/selection.js";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { ApiError } from "../api-error.js";
import type { RunDispatch } from "../storage/dispatch-storage.js";
import type { RunDetail, Storage } from "../storage/storage.js";
import { runOrigin } from "./new-run.js";
import { testsOfBody } from "./test-columns.js";

/** The selection input when the request carries it; undefined when it only triggers a run. */
export async function selectionInput(body: CreateRunRequest): Promise<SelectionRequest | undefined> {
  const { changed_files } = body;
  const tests = await testsOfBody(body);
  if (changed_files && tests) return { ...body, changed_files, tests };
  if (changed_files)
    throw new ApiError("VALIDATION_FAILED", "body.tests is required with body.changed_files");
  if (tests) throw new ApiError("VALIDATION_FAILED", "body.changed_files is required with body.tests");
  return undefined;
}

/**
 * A run triggered through the API: stored `queued`, with nothing decided, until the next action
 * run for its commit adopts it (storage.createRun) and fires run.started. When the repository has
 * dispatch settings, its workflow is dispatched from the outbox (dispatch/dispatch-worker.ts).
 */
export async function queueRun(
  storage: Storage,
  orgId: string,
  body: CreateRunRequest,
  now: Date,
): Promise<RunDetail & { dispatch?: RunDispatch }> {
  const origin = await runOrigin(storage, orgId, body, body.policy_ref, now);
  const run = await storage.createRun(
    orgId,
    {
      ...origin,
      status: "queued",
      mode: "selective",
      full_reason: null,
      granularity: body.granularity ?? "symbol",
      tests_selected: 0,
      tests_total: 0,
      confidence_threshold: body.confidence_threshold ?? defaultPolicy().selection.confidence_threshold,
      model_version: null,
      dispatch: true,
    },
    [],
  );
  const dispatch = await storage.dispatch.dispatchOf(orgId, run.id);
  return { ...run, ...(dispatch ? { dispatch } : {}) };
}

/**
 * The queued run a workflow_dispatch named, checked before this job takes its place: a job that
 * tests another commit must not report on the run, so it is refused with what to fix. A run that
 * is no longer queued (adopted already, a re-run of the job) is no obstacle: the job gets a run
 * of its own.
 */
export async function checkQueuedRun(
  storage: Storage,
  orgId: string,
  body: CreateRunRequest & { queued_run_id: string },
): Promise<void> {
  const queued = await storage.getRun(orgId, body.queued_run_id);
  if (queued?.status !== "queued" || queued.repo_id !== body.repo_id) return;
  if (queued.commit_sha !== body.commit_sha) {
    throw new ApiError(
      "CONFLICT",
      `run ${queued.id} was queued for commit ${queued.commit_sha}, but this job tests ${body.commit_sha}: check out the superplane_commit_sha input (actions/checkout with ref: \${{ inputs.superplane_commit_sha }})`,
    );
  }
}
