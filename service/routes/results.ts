import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../../contract/common.js";
import { LIMITS } from "../../contract/limits.js";
import { ResultsQuery, ResultsRequest, ResultsResponse } from "../../contract/runs.js";
import { Decision } from "../../contract/selection.js";
import { ApiError, notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { sendSliced } from "../http/sliced-reply.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { ParsedJUnit } from "../http/xml-body.js";
import { learnFromRun } from "../learning/learn-from-run.js";
import { turnLoop } from "../loop-slices.js";
import { matchTests, unmappedWarnings } from "../results/match-tests.js";
import { shardOf } from "../selection/shard-group.js";
import { RunNotStartedError } from "../storage/run-not-started.js";
import type { Shard, TestResult } from "../storage/storage.js";

type Unmapped = NonNullable<ResultsRequest["unmapped"]>;

const JUnitXml = Type.String({
  description:
    `JUnit XML; one result per test file. At most ${LIMITS.junit_test_cases.max.toLocaleString("en")} ` +
    "`<testcase>` elements (limit `junit_test_cases`, answered 413)",
});

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
  typeof body === "string" || body instanceof ParsedJUnit ? undefined : (body as ResultsRequest).duration_ms;

interface Report {
  results: TestResult[];
  unmapped: Unmapped;
  shard?: Shard;
}

async function reportOf(deps: RouteDeps, body: unknown, query: string | undefined): Promise<Report> {
  if (typeof body === "string") {
    const shard = shardOf(query, undefined);
    return { results: await deps.bodies.junit(body), unmapped: [], ...(shard ? { shard } : {}) };
  }
  if (body instanceof ParsedJUnit) {
    const shard = shardOf(query, undefined);
    return { results: body.results, unmapped: [], ...(shard ? { shard } : {}) };
  }
  const request = body as ResultsRequest;
  assertUnique(request.results);
  const shard = shardOf(query, request.shard);
  return { results: request.results, unmapped: request.unmapped ?? [], ...(shard ? { shard } : {}) };
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
          "Idempotent: a retried report replaces results by test path and fires no event twice; " +
          "Idempotency-Key honoured. A sharded run (`shard` in the body, or `?shard=I/N`) is passed " +
          "or failed once every shard reported, `running` until then; an empty report counts (a " +
          "shard that ran nothing). Paths that are not tests of the run come back in `warnings`. " +
          "A queued run (not started by an action run yet) answers 409.",
        security: BEARER,
        params: IdParams,
        querystring: ResultsQuery,
        body: {
          content: {
            "application/json": { schema: ResultsRequest },
            "application/xml": { schema: JUnitXml },
            "text/xml": { schema: JUnitXml },
          },
        },
        response: { 200: ResultsResponse, ...errorResponses(403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const orgId = orgOf(request);
      const report = await reportOf(deps, request.body, request.query.shard);
      const before = await deps.storage.getRun(orgId, request.params.id);
      if (!before) throw notFound("run", request.params.id);
      // On SQLite every await here resolves at once: the loop turns between the steps, which one
      // after another held it most of a second for a 250,000-case report.
      await turnLoop();
      const { results, warnings } = matchTests(before, report.results);
      await turnLoop();
      const now = deps.clock.now();
      const wallMs = wallTimeOf(request.body);
      if (wallMs !== undefined) await deps.storage.recordRunDuration(orgId, request.params.id, wallMs);
      const unmappedFailed = report.unmapped.filter((r) => r.outcome === "failed").length;
      const options = { ...(report.shard ? { shard: report.shard } : {}), unmappedFailed };
      const run = await deps.storage
        .recordResults(orgId, request.params.id, results, now, options)
        .catch((error) => {
          if (error instanceof RunNotStartedError) throw new ApiError("CONFLICT", error.message);
          throw error;
        });
      if (!run) throw notFound("run", request.params.id);
      await turnLoop();
      // A run learns once, from every shard's results: not from the first shard's.
      if (run.status === "passed" || run.status === "failed") {
        try {
          await learnFromRun(deps.storage, orgId, run.id, now);
        } catch (error) {
          // The results are stored; learning from them is a bonus that must not fail the report.
          request.log.error({ err: error, run_id: run.id }, "learning from the run failed");
        }
      }
      await turnLoop();
      const quarantined = await deps.storage.learning.quarantined(run.id);
      const answer = { ...run, quarantined, warnings: [...warnings, ...unmappedWarnings(report.unmapped)] };
      // The run's decisions a slice at a time, as POST /v1/runs answers them (5,000 and more).
      return sendSliced(reply.code(200), answer, "decisions", Decision);
    },
  );
}
