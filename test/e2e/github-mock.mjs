// Preloaded into the action's process (`node --import`) by the end-to-end tests: GitHub's API is
// the one thing they mock. Every request to api.github.com is answered here and appended, as a
// JSON line, to $SUPERPLANE_E2E_GITHUB_LOG for the test to read. The SuperPlane service on
// 127.0.0.1 stays real. $SUPERPLANE_E2E_CHECKS=forbidden answers check runs like a read-only token;
// $SUPERPLANE_E2E_COMPARE names a JSON file the compare API answers with (else 404).
import { appendFileSync, readFileSync } from "node:fs";
import nock from "nock";

const log = process.env.SUPERPLANE_E2E_GITHUB_LOG;
const checks = process.env.SUPERPLANE_E2E_CHECKS ?? "ok";
const compare = process.env.SUPERPLANE_E2E_COMPARE;

function record(method, path, body) {
  if (log) appendFileSync(log, `${JSON.stringify({ method, path, body })}\n`);
}

nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));

nock("https://api.github.com")
  .persist()
  .post(/^\/repos\/[^/]+\/[^/]+\/check-runs$/)
  .reply((path, body) => {
    record("POST", path, body);
    if (checks === "forbidden") {
      return [403, { message: "Resource not accessible by integration", status: "403" }];
    }
    return [201, { id: 1, name: "SuperPlane", status: body.status }];
  })
  .patch(/^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/)
  .reply((path, body) => {
    record("PATCH", path, body);
    if (checks === "forbidden") {
      return [403, { message: "Resource not accessible by integration", status: "403" }];
    }
    return [200, { id: 1, name: "SuperPlane", status: body.status ?? "completed" }];
  })
  .get(/^\/repos\/[^/]+\/[^/]+\/compare\//)
  .reply((path) => {
    record("GET", path);
    if (!compare) return [404, { message: "Not Found" }];
    return [200, JSON.parse(readFileSync(compare, "utf8"))];
  })
  .get(/.*/)
  .reply((path) => {
    record("GET", path);
    return [404, { message: "Not Found (the end-to-end mock answers only check runs)" }];
  });
