import type { CreateRunRequest } from "../../contract/runs.js";
import type { SelectionRequest } from "../../contract/selection.js";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { ApiError, notFound } from "../api-error.js";
import { newId } from "../random-id.js";
import type { RunDetail, Storage } from "../storage/storage.js";

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
  const repo = await storage.getRepo(orgId, body.repo_id);
  if (!repo) throw notFound("repository", body.repo_id);
  return storage.createRun(
    orgId,
    {
      id: newId("run"),
      repo_id: repo.id,
      commit_sha: body.commit_sha,
      base_sha: body.base_sha ?? null,
      policy_ref: body.policy_ref ?? null,
      status: "queued",
      mode: "selective",
      full_reason: null,
      granularity: body.granularity ?? "symbol",
      tests_selected: 0,
      tests_total: 0,
      confidence_threshold: body.confidence_threshold ?? defaultPolicy().selection.confidence_threshold,
      model_version: null,
      created_at: now.toISOString(),
    },
    [],
  );
}
