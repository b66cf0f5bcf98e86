import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { useGithubNock } from "../../test/support/github-nock.js";
import { githubApi } from "../github/github-api.js";
import { junitFailures } from "../run/junit-failures.js";
import type { Plan } from "../select/plan.js";
import { abandonCheckRun, CHECK_NAME, conclusionOf, finishCheckRun, startCheckRun } from "./check-run.js";
import type { SummaryView } from "./summary-markdown.js";

// GitHub's API is the one thing mocked (nock, in-process: Octokit sends through the global fetch).
useGithubNock();

const HEAD = "c".repeat(40);
const plan: Plan = {
  mode: "selective",
  decisions: [{ test_path: "test/math.test.ts", selected: true, confidence: 0.9, reasons: ["graph"] }],
  selected: ["test/math.test.ts"],
  runId: "run_1",
  decidedBy: "service",
  notes: [],
  deletedTests: [],
  changedFiles: 1,
  head: HEAD,
  quarantineFlaky: true,
};
const view: SummaryView = { plan, tests: { state: "passed", exitCode: 0, batches: 1 } };
const api = () => githubApi("ghs_token", "https://api.github.com", "acme/web");
const github = () => nock("https://api.github.com", { reqheaders: { authorization: "token ghs_token" } });
const vitestFailure = () =>
  junitFailures(readFileSync(join(import.meta.dirname, "../run/fixtures/vitest-failing.xml"), "utf8"));

/** Records each body sent to the check-runs API, in order. */
function recorder() {
  const sent: { method: string; path: string; body: Record<string, unknown> }[] = [];
  const take = (method: string) => (path: string, body: Record<string, unknown>) => {
    sent.push({ method, path, body });
    return true;
  };
  return { sent, take };
}

describe("the SuperPlane check run", () => {
  it("starts in progress when selection starts, so a cancelled job leaves it unfinished, not absent", async () => {
    const { sent, take } = recorder();
    const scope = github()
      .post("/repos/acme/web/check-runs", (body) => take("POST")("/check-runs", body))
      .reply(201, { id: 7 });
    expect(await startCheckRun(api(), HEAD)).toEqual({ check: { state: "started", id: 7 } });
    expect(scope.isDone()).toBe(true);
    expect(sent[0]!.body).toMatchObject({ name: CHECK_NAME, head_sha: HEAD, status: "in_progress" });
    expect(sent[0]!.body).not.toHaveProperty("conclusion");
  });

  it("completes the started check with the summary and an annotation at the failing assertion", async () => {
    const { sent, take } = recorder();
    const scope = github()
      .patch("/repos/acme/web/check-runs/7", (body) => take("PATCH")("/check-runs/7", body))
      .reply(200, { id: 7 });
    const failed: SummaryView = {
      plan,
      tests: { state: "failed", exitCode: 1, batches: 1 },
      failures: vitestFailure(),
    };
    expect(await finishCheckRun(api(), HEAD, { state: "started", id: 7 }, failed)).toEqual({
      annotated: true,
    });
    expect(scope.isDone()).toBe(true);
    expect(sent[0]!.body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: {
        title: "1 of 1 tests selected",
        summary: expect.stringContaining("### ❌ Failing tests (1)"),
        annotations: [
          {
            path: "test/math.test.ts",
            start_line: 6,
            end_line: 6,
            annotation_level: "failure",
            title: "adds two numbers",
            message: expect.stringContaining("AssertionError: expected 4 to be 3"),
          },
        ],
      },
    });
  });

  it("sends annotations past GitHub's 50 a request in further updates", async () => {
    const failures = Array.from({ length: 60 }, (_, i) => ({
      file: "test/math.test.ts",
      name: `case ${i}`,
      message: "no",
      details: "no",
      line: i + 1,
    }));
    const { sent, take } = recorder();
    github()
      .patch("/repos/acme/web/check-runs/7", (body) => take("PATCH")("/check-runs/7", body))
      .times(2)
      .reply(200, { id: 7 });
    const failed: SummaryView = { plan, tests: { state: "failed", exitCode: 1, batches: 1 }, failures };
    await finishCheckRun(api(), HEAD, { state: "started", id: 7 }, failed);
    const counts = sent.map((s) => (s.body.output as { annotations: unknown[] }).annotations.length);
    expect(counts).toEqual([50, 10]);
    expect(sent[1]!.body).not.toHaveProperty("conclusion");
  });

  it("creates it completed at the end when GitHub did not create it at the start", async () => {
    github().post("/repos/acme/web/check-runs").reply(422, { message: "No commit found" });
    const started = await startCheckRun(api(), HEAD);
    expect(started.check).toEqual({ state: "missing" });
    expect(started.note?.message).toContain("the SuperPlane check run could not be created (422)");
    const { sent, take } = recorder();
    github()
      .post("/repos/acme/web/check-runs", (body) => take("POST")("/check-runs", body))
      .reply(201, { id: 8 });
    expect(await finishCheckRun(api(), HEAD, started.check, view)).toEqual({ annotated: true });
    expect(sent[0]!.body).toMatchObject({
      name: CHECK_NAME,
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
    });
  });

  it("degrades to one notice naming the permission when the token cannot write checks", async () => {
    const scope = github()
      .post("/repos/acme/web/check-runs")
      .reply(403, { message: "Resource not accessible by integration" });
    const started = await startCheckRun(api(), HEAD);
    expect(started).toEqual({
      check: { state: "denied" },
      note: {
        level: "notice",
        message:
          "no SuperPlane check run: the token cannot write checks (add `permissions: checks: write` to the job); the job summary has the same report",
      },
    });
    expect(scope.isDone()).toBe(true);
    // Nothing more is sent (nock refuses any request): the workflow log carries the annotations.
    expect(await finishCheckRun(api(), HEAD, started.check, view)).toEqual({ annotated: false });
  });

  it("says why when the job failed before it could report", async () => {
    const { sent, take } = recorder();
    github()
      .patch("/repos/acme/web/check-runs/7", (body) => take("PATCH")("/check-runs/7", body))
      .reply(200, { id: 7 });
    await abandonCheckRun(api(), { state: "started", id: 7 }, "the service is unreachable");
    expect(sent[0]!.body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "SuperPlane failed", summary: expect.stringContaining("the service is unreachable") },
    });
  });

  it("concludes failure when tests failed, neutral when they did not run here", () => {
    expect(conclusionOf({ plan, tests: { state: "failed", exitCode: 1, batches: 1 } })).toBe("failure");
    expect(conclusionOf({ plan, tests: { state: "not-run" } })).toBe("neutral");
    expect(conclusionOf({ plan, tests: { state: "nothing-to-run" } })).toBe("success");
  });
});
