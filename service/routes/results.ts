import { Type } from "@sinclair/typebox";
import { ApiError, notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { learnFromRun } from "../learning/learn-from-run.js";
import { parseJUnit } from "../results/parse-junit.js";
import { errorResponses, IdParams } from "../schemas/common.js";
import { ResultsRequest, RunDetail } from "../schemas/runs.js";
import { RunNotStartedError } from "../storage/run-not-started.js";
import type { TestResult } from "../storage/storage.js";

const JUnitXml = Type.String({ description: "JUnit XML; one result per test file" });

function assertUnique(results: TestResult[]): void {
  const seen = new Set<string>();
  results.forEach((result, index) => {
    if (seen.has(result.test_path)) {
      throw new ApiError(
        "VALIDATION_FAILED",
        `body.results[${index}].test_path: duplicate test "${result.test_path}"`,
      );
    }
    seen.add(result.test_path);
  });
}

/** The test command's wall time, when the report says it (JSON only: JUnit has no such field). */
const wallTimeOf = (body: unknown): number | undefined =>
  typeof body === "string" ? undefined : (body as ResultsRequest).duration_ms;

function resultsOf(body: unknown): TestResult[] {
  if (typeof body === "string") return parseJUnit(body);
  const results = (body as ResultsRequest).results;
  assertUnique(results);
  return results;
}

export function resultRoutes(app: TypedApp, deps: RouteDeps): void {
  app.post(
    "/v1/runs/:id/results",
    {
      config: { idempotent: true },
      schema: {
        tags: ["runs"],
        summary: "Report results (JSON per test file, or JUnit XML); sets the run passed or failed",
        description:
          "Idempotent: a retried report replaces results by test path and fires no event twice; Idempotency-Key honoured.",
        security: BEARER,
        params: IdParams,
        body: {
          content: {
            "application/json": { schema: ResultsRequest },
            "application/xml": { schema: JUnitXml },
            "text/xml": { schema: JUnitXml },
          },
        },
        response: { 200: RunDetail, ...errorResponses(403, 404, 409, 413) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const results = resultsOf(request.body);
      const now = deps.clock.now();
      const wallMs = wallTimeOf(request.body);
      if (wallMs !== undefined) await deps.storage.recordRunDuration(orgId, request.params.id, wallMs);
      const run = await deps.storage.recordResults(orgId, request.params.id, results, now).catch((error) => {
        if (error instanceof RunNotStartedError) throw new ApiError("CONFLICT", error.message);
        throw error;
      });
      if (!run) throw notFound("run", request.params.id);
      try {
        await learnFromRun(deps.storage, orgId, run.id, now);
      } catch (error) {
        // The results are stored; learning from them is a bonus that must not fail the report.
        request.log.error({ err: error, run_id: run.id }, "learning from the run failed");
      }
      return { ...run, quarantined: await deps.storage.learning.quarantined(run.id) };
    },
  );
}
