import { errorResponses, IdParams } from "../../contract/common.js";
import { Insights, InsightsQuery, TestMetrics, TestMetricsQuery } from "../../contract/insights.js";
import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { dateRange } from "../insights/date-range.js";
import { repoInsights } from "../insights/repo-insights.js";
import { testMetrics } from "../insights/test-metrics.js";

/** The dashboard's numbers over the API: per repository insights and per test file metrics. */
export function insightRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/repos/:id/insights",
    {
      schema: {
        tags: ["insights"],
        summary: "Time saved, share of tests run, runs and failures per day and week, and measured safety",
        description:
          "`from` and `to` take a day (YYYY-MM-DD, `to` through its end) or an instant; the default is the " +
          "30 days up to now, at most 400 days.",
        security: BEARER,
        params: IdParams,
        querystring: InsightsQuery,
        response: { 200: Insights, ...errorResponses(404) },
      },
    },
    async (request) => {
      const range = dateRange(request.query, deps.clock.now());
      const insights = await repoInsights(deps.storage, orgOf(request), request.params.id, range);
      if (!insights) throw notFound("repository", request.params.id);
      return insights;
    },
  );
  app.get(
    "/v1/tests/metrics",
    {
      schema: {
        tags: ["insights"],
        summary: "Per test file: runs, failure rate, p50/p95 duration and flakiness over the newest runs",
        description:
          "As CircleCI's test insights define them: failure rate = failed runs / runs, p95 by nearest rank, " +
          "flaky = passed and failed on one commit. Over the newest `runs` finished runs in from..to.",
        security: BEARER,
        querystring: TestMetricsQuery,
        response: { 200: TestMetrics, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { repo_id, runs } = request.query;
      const range = dateRange(request.query, deps.clock.now());
      const iso = { from: range.from.toISOString(), to: range.to.toISOString() };
      const found = await deps.storage.insights.results(orgOf(request), repo_id, iso, runs);
      if (!found) throw notFound("repository", repo_id);
      return { repo_id, ...iso, runs: found.runs, tests: testMetrics(found.rows) };
    },
  );
}
