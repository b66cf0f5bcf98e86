import { errorResponses } from "../../contract/common.js";
import { Decision, SelectionRequest, SelectionResponse } from "../../contract/selection.js";
import { orgOf } from "../http/authenticate.js";
import { sendSliced } from "../http/sliced-reply.js";
import { BEARER, dashboardLink, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { recordSelection } from "../selection/record-selection.js";

export function selectionRoutes(app: TypedApp, deps: RouteDeps): void {
  app.post(
    "/v1/selection",
    {
      schema: {
        tags: ["runs"],
        summary: "Decide which tests to run for a change; stores the run as `pending`",
        security: BEARER,
        body: SelectionRequest,
        response: { 200: SelectionResponse, ...errorResponses(403, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      const { result, run, graphAlone } = await recordSelection(deps.storage, orgOf(request), request.body, {
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
      return sendSliced(reply.code(200), answer, "decisions", Decision);
    },
  );
}
