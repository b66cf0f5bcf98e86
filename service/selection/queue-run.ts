import type { CreateRunRequest } from "../../contract/runs.js";
import type { SelectionRequest } from "../../contract/selection.js";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { ApiError } from "../api-error.js";
import type { RunDetail, Storage } from "../storage/storage.js";
import { runOrigin } from "./new-run.js";

/** The selection input when the request carries it; undefined when it only triggers a run. */
export function selectionInput(body: CreateRunRequest): SelectionRequest | undefined {
  const { changed_files, tests } = body;
  if (changed_files && tests) return { ...body, changed_files, tests };
  if (changed_files)
    throw new ApiError("VALIDATION_FAILED", "body.tests is required with body.changed_files");
  if (tests) throw new ApiError("VALIDATION_FAILED", "body.changed_files is required with body.tests");
  return undefined;
}

/**
 * A run triggered through the API: stored `queued`, with nothing decided, until the next action
 * run for its commit adopts it (storage.createRun) and fires run.started.
 */
export async function queueRun(
  storage: Storage,
  orgId: string,
  body: CreateRunRequest,
  now: Date,
): Promise<RunDetail> {
  const origin = await runOrigin(storage, orgId, body, body.policy_ref, now);
  return storage.createRun(
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
    },
    [],
  );
}
