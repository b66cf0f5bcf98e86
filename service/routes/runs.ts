import { errorResponses, IdParams } from "../../contract/common.js";
import { CreateRunRequest, RunDetail, RunList, RunsQuery } from "../../contract/runs.js";
import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { sendDecisions } from "../http/decision-columns.js";
import { BEARER, dashboardLink, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { checkQueuedRun, queueRun, selectionInput } from "../selection/queue-run.js";
import { recordSelection } from "../selection/record-selection.js";
import { shardGroup } from "../selection/shard-group.js";
import { expireStaleRuns, queuedCutoff } from "./run-timeout.js";

export function runRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/runs",
    {
      schema: {
        tags: ["runs"],
        summary:
          "Runs of the token's organization, newest first; filter by status, repository, branch, pull request",
        security: BEARER,
        querystring: RunsQuery,
        response: { 200: RunList, ...errorResponses() },
      },
    },
    async (request) => {
      const { page, per_page, status, repo_id, branch, pull_request } = request.query;
      const filter = {
        page,
        perPage: per_page,
        ...(status ? { status } : {}),
        ...(repo_id ? { repoId: repo_id } : {}),
        ...(branch ? { branch } : {}),
        ...(pull_request !== undefined ? { pullRequest: pull_request } : {}),
      };
      const orgId = orgOf(request);
      await expireStaleRuns(deps, orgId);
      const { runs, total } = await deps.storage.listRuns(orgId, filter);
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
      const orgId = orgOf(request);
      await expireStaleRuns(deps, orgId);
      const run = await deps.storage.getRun(orgId, request.params.id);
      if (!run) throw notFound("run", request.params.id);
      const dispatch = await deps.storage.dispatch.dispatchOf(orgId, run.id);
      return {
        ...run,
        ...(dispatch ? { dispatch } : {}),
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
        description:
          "Idempotency-Key honoured: a retry with the key answers the first answer. Nothing selected: " +
          "the run is stored `passed` at once (run.passed). With `shard` (and `ci_run_url`), the first " +
          "shard of a CI run's job decides and stores the run (201); the other shards get that run and " +
          "its decisions (200).",
        security: BEARER,
        body: CreateRunRequest,
        response: { 200: RunDetail, 201: RunDetail, ...errorResponses(403, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      const orgId = orgOf(request);
      const form = request.body.answer;
      const input = await selectionInput(request.body);
      if (!input) {
        const queued = await queueRun(deps.storage, orgId, request.body, deps.clock.now());
        return sendDecisions(reply.code(201), { ...queued, ...dashboardLink(deps, queued.id) }, form);
      }
      const queuedRunId = request.body.queued_run_id;
      if (queuedRunId)
        await checkQueuedRun(deps.storage, orgId, { ...request.body, queued_run_id: queuedRunId });
      const group = shardGroup(request.body);
      if (group) {
        const existing = await deps.storage.findShardGroup(orgId, request.body.repo_id, group);
        if (existing)
          return sendDecisions(reply.code(200), { ...existing, ...dashboardLink(deps, existing.id) }, form);
      }
      const { run, graphAlone } = await recordSelection(deps.storage, orgId, input, {
        status: "running",
        now: deps.clock.now(),
        ...(request.body.policy_ref ? { policyRef: request.body.policy_ref } : {}),
        ...(group && request.body.shard ? { shards: { total: request.body.shard.total, group } } : {}),
        ...(queuedRunId ? { queuedRunId } : {}),
        queuedSince: queuedCutoff(deps, deps.clock.now()),
      });
      const { joined, decisionColumns, ...stored } = run;
      const answer = {
        ...stored,
        ...(graphAlone ? { graph_alone: graphAlone } : {}),
        ...dashboardLink(deps, run.id),
      };
      return sendDecisions(reply.code(joined ? 200 : 201), answer, form, decisionColumns);
    },
  );
}
