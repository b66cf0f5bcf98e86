import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, selectionBody } from "../../test/support/service-kit.js";
import { deliveriesOf } from "../../test/support/webhook-deliveries.js";

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;

async function startRun(): Promise<string> {
  const response = await kit.call(kit.tokens.write, {
    method: "POST",
    url: "/v1/runs",
    payload: selectionBody(kit.repoId),
  });
  return response.json().id;
}

function report(id: string, payload: string | Record<string, unknown>, contentType?: string) {
  return kit.call(kit.tokens.write, {
    method: "POST",
    url: `/v1/runs/${id}/results`,
    payload,
    ...(contentType ? { headers: { "content-type": contentType } } : {}),
  });
}

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="vitest" tests="3" failures="1">
  <testsuite name="test/math.test.ts" tests="2">
    <testcase classname="test/math.test.ts" name="adds" time="0.25"/>
    <testcase classname="test/math.test.ts" name="adds again" time="0.5"><failure message="1 != 2"/></testcase>
  </testsuite>
  <testsuite name="text" file="test/text.test.ts">
    <testcase classname="Text" name="shouts" time="0.1"><skipped/></testcase>
  </testsuite>
</testsuites>`;

describe("POST /v1/runs/{id}/results", () => {
  it("records JSON results, passes the run, and a retry changes nothing", async () => {
    kit = await makeKit();
    const id = await startRun();
    kit.clock.advance(90_000);
    const results = [
      { test_path: "test/math.test.ts", outcome: "passed", duration_ms: 1200 },
      { test_path: "test/text.test.ts", outcome: "skipped", duration_ms: 0 },
    ];
    // The run's duration is the command's wall time the report gives, not its files' 1.2 s.
    const first = await report(id, { results, duration_ms: 40_000 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: "passed",
      duration_ms: 40_000,
      updated_at: "2025-03-10T12:01:30.000Z",
      results,
    });
    const retry = await report(id, { results });
    expect(retry.json()).toMatchObject({ status: "passed", duration_ms: 40_000, results });
    const listed = await kit.call(kit.tokens.read, { url: `/v1/runs?repo_id=${kit.repoId}` });
    expect(listed.json().runs[0]).toMatchObject({ id, duration_ms: 40_000 });
    // Each file that ran is its test's newest measured duration, where time saved reads it.
    const durations = await kit.call(kit.tokens.read, { url: `/v1/repos/${kit.repoId}/durations` });
    expect(durations.json().durations).toEqual([
      expect.objectContaining({ test_path: "test/math.test.ts", duration_ms: 1200 }),
    ]);
  });

  it("aggregates JUnit XML per test file and fails the run on a failed case", async () => {
    kit = await makeKit();
    const id = await startRun();
    for (const type of ["application/xml", "text/xml"]) {
      const response = await report(id, JUNIT, type);
      expect(response.statusCode).toBe(200);
      // JUnit says nothing of the command's wall time: no duration_ms until a report gives one.
      expect(response.json()).toMatchObject({
        status: "failed",
        duration_ms: null,
        results: [
          {
            test_path: "test/math.test.ts",
            outcome: "failed",
            duration_ms: 750,
            message: "adds again: 1 != 2",
          },
          { test_path: "test/text.test.ts", outcome: "skipped", duration_ms: 100 },
        ],
      });
    }
  });

  it("keeps a failed file's message for the run page, and drops one sent with a pass", async () => {
    kit = await makeKit();
    const id = await startRun();
    const response = await report(id, {
      results: [
        { test_path: "test/math.test.ts", outcome: "failed", duration_ms: 5, message: "adds: <b>1</b> != 2" },
        { test_path: "test/text.test.ts", outcome: "passed", duration_ms: 5, message: "left over" },
      ],
    });
    expect(response.json().results).toEqual([
      { test_path: "test/math.test.ts", outcome: "failed", duration_ms: 5, message: "adds: <b>1</b> != 2" },
      { test_path: "test/text.test.ts", outcome: "passed", duration_ms: 5 },
    ]);
    // A re-run that passes replaces the failure and its message.
    const rerun = await report(id, {
      results: [{ test_path: "test/math.test.ts", outcome: "passed", duration_ms: 5 }],
    });
    expect(rerun.json().results[0]).toEqual({
      test_path: "test/math.test.ts",
      outcome: "passed",
      duration_ms: 5,
    });
    const tooLong = await report(id, {
      results: [
        { test_path: "test/math.test.ts", outcome: "failed", duration_ms: 5, message: "x".repeat(4097) },
      ],
    });
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong.body).message).toContain("message");
  });

  it("answers invalid JUnit with VALIDATION_FAILED and keeps the run as it was", async () => {
    kit = await makeKit();
    const id = await startRun();
    const broken = await report(id, "<testsuites><testsuite>", "application/xml");
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken.body)).toMatchObject({
      code: "VALIDATION_FAILED",
      message: `JUnit XML is not well-formed: line 1: Invalid '[ "testsuites", "testsuite"]' found.`,
    });
    const wrongRoot = await report(id, "<report/>", "text/xml");
    expect(errorOf(wrongRoot.body).message).toBe("JUnit XML must have a <testsuites> or <testsuite> root");
    const run = (await kit.call(kit.tokens.read, { url: `/v1/runs/${id}` })).json();
    expect([run.status, run.results]).toEqual(["running", []]);
  });

  it("validates JSON results and names the field", async () => {
    kit = await makeKit();
    const id = await startRun();
    const wrong = await report(id, { results: [{ test_path: "a.test.ts", outcome: "ok", duration_ms: 1 }] });
    expect(errorOf(wrong.body).message).toBe(
      "body.results[0].outcome: must be one of passed, failed, skipped",
    );
    const twice = { test_path: "a.test.ts", outcome: "passed", duration_ms: 1 };
    const duplicate = await report(id, { results: [twice, twice] });
    expect(errorOf(duplicate.body).message).toBe('body.results[1].test_path: duplicate test "a.test.ts"');
    const unsupported = await report(id, "a,b", "text/csv");
    expect([unsupported.statusCode, errorOf(unsupported.body).code]).toEqual([415, "VALIDATION_FAILED"]);
  });

  it("answers an unknown run with NOT_FOUND", async () => {
    kit = await makeKit();
    const response = await report("run_missing", { results: [] });
    expect([response.statusCode, errorOf(response.body).message]).toEqual([404, "run run_missing not found"]);
  });

  it("queues run.started and one run.failed for a subscribed webhook, even when the report is retried", async () => {
    kit = await makeKit();
    const hook = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/webhooks",
      payload: { url: "https://8.8.8.8/hook", events: ["run.started", "run.failed"] },
    });
    const id = await startRun();
    kit.clock.advance(1);
    await report(id, JUNIT, "application/xml");
    await report(id, JUNIT, "application/xml");
    const deliveries = await deliveriesOf(kit.storage, kit.orgId, hook.json().id);
    expect(deliveries.map((d) => [d.event, JSON.parse(d.payload).data.run.status])).toEqual([
      ["run.started", "running"],
      ["run.failed", "failed"],
    ]);
  });
});
