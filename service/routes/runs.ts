import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, dashboardLink, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { errorResponses, IdParams } from "../schemas/common.js";
import { CreateRunRequest, RunDetail, RunList, RunsQuery } from "../schemas/runs.js";
import { queueRun, selectionInput } from "../selection/queue-run.js";
import { recordSelection } from "../selection/record-selection.js";

export function runRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "Runs of the token's organization, newest first",
        security: BEARER,
        querystring: RunsQuery,
        response: { 200: RunList, ...errorResponses() },
      },
    },
    async (request) => {
      const { page, per_page, status, repo_id } = request.query;
      const filter = {
        page,
        perPage: per_page,
        ...(status ? { status } : {}),
        ...(repo_id ? { repoId: repo_id } : {}),
      };
      const { runs, total } = await deps.storage.listRuns(orgOf(request), filter);
      return { runs, page, per_page, total };
    },
  );
  app.get(
    "/v1/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "One run with its decisions and results",
        security: BEARER,
        params: IdParams,
        response: { 200: RunDetail, ...errorResponses(404) },
      },
    },
    async (request) => {
      const run = await deps.storage.getRun(orgOf(request), request.params.id);
      if (!run) throw notFound("run", request.params.id);
      return {
        ...run,
        quarantined: await deps.storage.learning.quarantined(run.id),
        ...dashboardLink(deps, run.id),
      };
    },
  );
  app.post(
    "/v1/runs",
    {
      config: { idempotent: true },
      schema: {
        tags: ["runs"],
        summary:
          "Start a run for a commit: decides, stores it `running` and fires run.started; repo_id, commit_sha and policy_ref alone queue it for the next action run of the commit",
        description: "Idempotency-Key honoured: a retry with the key answers the first answer.",
        security: BEARER,
        body: CreateRunRequest,
        response: { 201: RunDetail, ...errorResponses(403, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      const input = selectionInput(request.body);
      if (!input) {
        const queued = await queueRun(deps.storage, orgOf(request), request.body, deps.clock.now());
        return reply.code(201).send({ ...queued, ...dashboardLink(deps, queued.id) });
      }
      const { run, graphAlone } = await recordSelection(deps.storage, orgOf(request), input, {
        status: "running",
        now: deps.clock.now(),
        ...(request.body.policy_ref ? { policyRef: request.body.policy_ref } : {}),
      });
      return reply
        .code(201)
        .send({ ...run, ...(graphAlone ? { graph_alone: graphAlone } : {}), ...dashboardLink(deps, run.id) });
    },
  );
}
