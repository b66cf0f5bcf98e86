import { errorResponses, IdParams } from "../../contract/common.js";
import {
  HistoryImport,
  HistoryImported,
  type Model,
  ModelList,
  Model as ModelSchema,
} from "../../contract/learning.js";
import { ApiError } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { ownedRepo } from "../http/owned-repo.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { trainRepo } from "../learning/train-repo.js";
import { COLD_START, type ModelRecord } from "../storage/learning-storage.js";

export function modelView(record: ModelRecord): Model {
  const { model } = record;
  const weights: Record<string, number> = { intercept: model.weights[0] ?? 0 };
  model.inputs.forEach((input, i) => {
    weights[input] = model.weights[i + 1] ?? 0;
  });
  return {
    id: record.id,
    repo_id: record.repo_id,
    version: record.version,
    status: record.status,
    created_at: record.created_at,
    promoted_at: record.promoted_at,
    retired_at: record.retired_at,
    reason: record.reason,
    examples: model.examples,
    failures: model.failures,
    positive_weight: model.positiveWeight,
    weights,
    calibration: model.calibration,
  };
}

/** Models per repository (list, train on demand) and the co-change import. */
export function modelRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/repos/:id/models",
    {
      schema: {
        tags: ["models"],
        summary: "The repository's model versions, which one serves, and their calibration",
        security: BEARER,
        params: IdParams,
        response: { 200: ModelList, ...errorResponses(404) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.id);
      const state = await deps.storage.learning.repoLearning(orgId, repo.id);
      const models = await deps.storage.learning.listModels(orgId, repo.id);
      return {
        repo_id: repo.id,
        serving_model: state.serving?.id ?? COLD_START,
        candidate_model: state.candidate?.id ?? null,
        full_runs_only: state.fallbackFull,
        labelled_runs: state.labelledRuns,
        runs_since_model: state.runsSinceModel,
        failures: state.failures,
        history: { commits: state.historyCommits, imported_at: state.historyImportedAt },
        models: models.map(modelView),
      };
    },
  );
  app.post(
    "/v1/repos/:id/models/train",
    {
      schema: {
        tags: ["models"],
        summary:
          "Train a model now on the newest labelled runs, once they meet the minimum (docs/model.md); it becomes the candidate the canary tries, or `rejected` when degenerate",
        security: BEARER,
        params: IdParams,
        response: { 201: ModelSchema, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.id);
      const trained = await trainRepo(deps.storage, orgId, repo.id, deps.clock.now());
      if ("refused" in trained) {
        throw new ApiError(
          "VALIDATION_FAILED",
          `repository ${repo.name}: no model trained: ${trained.refused}`,
        );
      }
      // A degenerate model is stored and answered `rejected`, with the reason: it never serves.
      return reply.code(201).send(modelView(trained.model));
    },
  );
  app.post(
    "/v1/repos/:id/history",
    {
      schema: {
        tags: ["models"],
        summary: "Replace the repository's co-change statistics (from `superplane history import`)",
        security: BEARER,
        params: IdParams,
        body: HistoryImport,
        response: { 200: HistoryImported, ...errorResponses(403, 404, 413) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.id);
      const body = request.body;
      const stats = {
        fileCommits: new Map(body.files.map((f) => [f.path, f.commits])),
        pairs: new Map<string, Map<string, number>>(),
      };
      for (const pair of body.pairs) {
        const row = stats.pairs.get(pair.source) ?? new Map<string, number>();
        row.set(pair.test, pair.count);
        stats.pairs.set(pair.source, row);
      }
      const now = deps.clock.now();
      await deps.storage.learning.replaceCoChange(orgId, repo.id, stats, body.commits, now);
      return {
        repo_id: repo.id,
        commits: body.commits,
        files: stats.fileCommits.size,
        pairs: body.pairs.length,
        imported_at: now.toISOString(),
      };
    },
  );
}
