import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { errorResponses } from "../schemas/common.js";
import { RepoParams } from "../schemas/coverage.js";
import { DurationList, DurationsStored, DurationsUpload } from "../schemas/durations.js";

/**
 * Test durations measured before the service was set up: the action uploads them once from
 * `.git/superplane/` so a team that started without a service keeps them. A run's own results
 * carry the durations measured since.
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
      if (!(await deps.storage.getRepo(orgId, repo_id))) throw notFound("repository", repo_id);
      return { stored: await deps.storage.durations.store(orgId, repo_id, request.body.durations) };
    },
  );
  app.get(
    "/v1/repos/:repo_id/durations",
    {
      schema: {
        tags: ["durations"],
        summary: "The uploaded durations of the repository's tests",
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
