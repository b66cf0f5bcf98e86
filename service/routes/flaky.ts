import { errorResponses } from "../../contract/common.js";
import { FlakyList, FlakyQuery } from "../../contract/learning.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";

export function flakyRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/tests/flaky",
    {
      schema: {
        tags: ["models"],
        summary: "Tests seen passing and failing on one commit, most flaky first, with counts and last seen",
        security: BEARER,
        querystring: FlakyQuery,
        response: { 200: FlakyList, ...errorResponses() },
      },
    },
    async (request) => ({
      tests: await deps.storage.learning.listFlaky(orgOf(request), request.query.repo_id),
    }),
  );
}
