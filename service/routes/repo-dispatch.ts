import { errorResponses, IdParams } from "../../contract/common.js";
import { DispatchSettings, DispatchSettingsRequest } from "../../contract/dispatch.js";
import { ApiError, notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";

const TAGS = ["organization"];

/**
 * A repository's workflow_dispatch settings: with them, a run queued through `POST /v1/runs`
 * starts the repository's workflow. The GitHub token is write-only: sealed with the operator's
 * key as it arrives, and never answered.
 */
export function repoDispatchRoutes(app: TypedApp, deps: RouteDeps): void {
  const repoOf = async (orgId: string, id: string) => {
    const repo = await deps.storage.getRepo(orgId, id);
    if (!repo) throw notFound("repository", id);
    return repo;
  };
  app.get(
    "/v1/repos/:id/dispatch",
    {
      schema: {
        tags: TAGS,
        summary: "The repository's workflow_dispatch settings, without the token",
        security: BEARER,
        params: IdParams,
        response: { 200: DispatchSettings, ...errorResponses(404) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await repoOf(orgId, request.params.id);
      const settings = await deps.storage.dispatch.settings(orgId, repo.id);
      if (!settings) throw new ApiError("NOT_FOUND", `repository ${repo.id} has no dispatch settings`);
      return settings;
    },
  );
  app.put(
    "/v1/repos/:id/dispatch",
    {
      schema: {
        tags: TAGS,
        summary:
          "Set the workflow (and the GitHub token) that runs queued through POST /v1/runs dispatch; the token is never shown again",
        description:
          "The workflow must declare `on.workflow_dispatch.inputs` `superplane_run_id` and `superplane_commit_sha`, " +
          "check out the commit and run the SuperPlane action, which then adopts the queued run. " +
          "The token needs Actions: write on the repository; it is stored encrypted with the operator's SUPERPLANE_SECRET_KEY.",
        security: BEARER,
        params: IdParams,
        body: DispatchSettingsRequest,
        response: { 200: DispatchSettings, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await repoOf(orgId, request.params.id);
      const { workflow, ref, github_token } = request.body;
      let sealed: string | undefined;
      if (github_token !== undefined) {
        if (!deps.secrets) {
          throw new ApiError(
            "CONFLICT",
            "this service cannot store GitHub tokens: its operator has not set SUPERPLANE_SECRET_KEY",
          );
        }
        sealed = deps.secrets.seal(github_token, repo.id);
      }
      const saved = await deps.storage.dispatch.saveSettings(
        orgId,
        { repo_id: repo.id, workflow, ref, ...(sealed ? { token_sealed: sealed } : {}) },
        deps.clock.now(),
      );
      if (!saved) {
        throw new ApiError(
          "VALIDATION_FAILED",
          "body.github_token is required: the repository has no token stored yet",
        );
      }
      return saved;
    },
  );
  app.delete(
    "/v1/repos/:id/dispatch",
    {
      schema: {
        tags: TAGS,
        summary:
          "Remove the repository's dispatch settings and its token; queued runs then wait for an action run",
        security: BEARER,
        params: IdParams,
        response: { 204: { type: "null", description: "removed" }, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const orgId = orgOf(request);
      const repo = await repoOf(orgId, request.params.id);
      if (!(await deps.storage.dispatch.deleteSettings(orgId, repo.id))) {
        throw new ApiError("NOT_FOUND", `repository ${repo.id} has no dispatch settings`);
      }
      return reply.code(204).send();
    },
  );
}
