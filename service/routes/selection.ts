import { errorResponses } from "../../contract/common.js";
import { SelectionResponse } from "../../contract/selection.js";
import { SelectionBody } from "../../contract/test-columns.js";
import { orgOf } from "../http/authenticate.js";
import { sendDecisions } from "../http/decision-columns.js";
import { BEARER, dashboardLink, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { recordSelection } from "../selection/record-selection.js";
import { testsOfBody } from "../selection/test-columns.js";

export function selectionRoutes(app: TypedApp, deps: RouteDeps): void {
  app.post(
    "/v1/selection",
    {
      schema: {
        tags: ["runs"],
        summary: "Decide which tests to run for a change; stores the run as `pending`",
        security: BEARER,
        body: SelectionBody,
        response: { 200: SelectionResponse, ...errorResponses(403, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      // The schema requires one of the two forms: `tests` is there when `test_columns` is not.
      const tests = (await testsOfBody(request.body)) ?? [];
      const input = { ...request.body, tests };
      const { result, run, graphAlone } = await recordSelection(deps.storage, orgOf(request), input, {
        status: "pending",
        now: deps.clock.now(),
      });
      const answer = {
        run_id: run.id,
        model_version: run.model_version,
        ...result,
        ...(graphAlone ? { graph_alone: graphAlone } : {}),
        ...dashboardLink(deps, run.id),
      };
      return sendDecisions(reply.code(200), answer, request.body.answer, run.decisionColumns);
    },
  );
}
