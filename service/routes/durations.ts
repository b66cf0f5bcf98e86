import { errorResponses } from "../../contract/common.js";
import { RepoParams } from "../../contract/coverage.js";
import { DurationList, DurationsStored, DurationsUpload } from "../../contract/durations.js";
import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { ownedRepo } from "../http/owned-repo.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";

/**
 * Each test file's newest measured duration. Runs' results write theirs as they are reported; the
 * action uploads what it measured before the service was set up, once from `.git/superplane/`,
 * so a team that started without a service keeps it.
 */
export function durationRoutes(app: TypedApp, deps: RouteDeps): void {
  app.put(
    "/v1/repos/:repo_id/durations",
    {
      schema: {
        tags: ["durations"],
        summary: "Store test durations measured without the service; a newer one per test wins",
        security: BEARER,
        params: RepoParams,
        body: DurationsUpload,
        response: { 200: DurationsStored, ...errorResponses(403, 404, 413) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const { repo_id } = request.params;
      await ownedRepo(deps.storage, orgId, repo_id);
      return { stored: await deps.storage.durations.store(orgId, repo_id, request.body.durations) };
    },
  );
  app.get(
    "/v1/repos/:repo_id/durations",
    {
      schema: {
        tags: ["durations"],
        summary: "Each test file's newest measured duration: from reported results and uploads",
        security: BEARER,
        params: RepoParams,
        response: { 200: DurationList, ...errorResponses(404) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const { repo_id } = request.params;
      const durations = await deps.storage.durations.list(orgId, repo_id);
      if (!durations) throw notFound("repository", repo_id);
      return { durations };
    },
  );
}
