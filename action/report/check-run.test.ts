import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { githubApi } from "../github/github-api.js";
import type { Plan } from "../select/plan.js";
import { CHECK_NAME, conclusionOf, publishCheckRun } from "./check-run.js";
import type { SummaryView } from "./summary-markdown.js";

// GitHub's API is the one thing mocked (nock, in-process: Octokit sends through the global fetch).
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const HEAD = "c".repeat(40);
const plan: Plan = {
  mode: "selective",
  decisions: [{ test_path: "a.test.ts", selected: true, confidence: 0.9, reasons: ["graph"] }],
  selected: ["a.test.ts"],
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

describe("the SuperPlane check run", () => {
  it("is created completed on the head commit, with the summary as its output", async () => {
    let sent: Record<string, unknown> | undefined;
    const scope = nock("https://api.github.com", { reqheaders: { authorization: "token ghs_token" } })
      .post("/repos/acme/web/check-runs", (body) => {
        sent = body;
        return true;
      })
      .reply(201, { id: 1 });
    expect(await publishCheckRun(api(), HEAD, view)).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(sent).toMatchObject({
      name: CHECK_NAME,
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      output: { title: "1 of 1 tests selected", summary: expect.stringContaining("## SuperPlane: 1 of 1") },
    });
  });

  it("degrades to a notice naming the permission when the token cannot write checks", async () => {
    nock("https://api.github.com")
      .post("/repos/acme/web/check-runs")
      .reply(403, { message: "Resource not accessible by integration" });
    expect(await publishCheckRun(api(), HEAD, view)).toEqual({
      level: "notice",
      message:
        "no SuperPlane check run: the token cannot write checks (add `permissions: checks: write` to the job); the job summary has the same report",
    });
  });

  it("warns, without failing the step, when GitHub answers anything else", async () => {
    nock("https://api.github.com")
      .post("/repos/acme/web/check-runs")
      .reply(422, { message: "No commit found" });
    const note = await publishCheckRun(api(), HEAD, view);
    expect(note?.level).toBe("warning");
    expect(note?.message).toContain("the SuperPlane check run could not be created (422)");
  });

  it("concludes failure when tests failed, neutral when they did not run here", () => {
    expect(conclusionOf({ plan, tests: { state: "failed", exitCode: 1, batches: 1 } })).toBe("failure");
    expect(conclusionOf({ plan, tests: { state: "not-run" } })).toBe("neutral");
    expect(conclusionOf({ plan, tests: { state: "nothing-to-run" } })).toBe("success");
  });
});
