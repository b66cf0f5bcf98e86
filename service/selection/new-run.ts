import { ownedRepo } from "../http/owned-repo.js";
import { newId } from "../random-id.js";
import type { NewRun, Storage } from "../storage/storage.js";

/**
 * What every run the API stores starts from: a new id, the organization's repository (NOT_FOUND
 * for one it does not have), the commit and its base, the policy's ref and the time.
 */
export async function runOrigin(
  storage: Storage,
  orgId: string,
  body: { repo_id: string; commit_sha: string; base_sha?: string | undefined },
  policyRef: string | undefined,
  now: Date,
): Promise<Pick<NewRun, "id" | "repo_id" | "commit_sha" | "base_sha" | "policy_ref" | "created_at">> {
  const repo = await ownedRepo(storage, orgId, body.repo_id);
  return {
    id: newId("run"),
    repo_id: repo.id,
    commit_sha: body.commit_sha,
    base_sha: body.base_sha ?? null,
    policy_ref: policyRef ?? null,
    created_at: now.toISOString(),
  };
}
