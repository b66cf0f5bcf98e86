import nock from "nock";
import { describe, expect, it } from "vitest";
import { useGithubNock } from "../../test/support/github-nock.js";
import { answerOf, dispatchUrl, dispatchWorkflow, type WorkflowDispatch } from "./dispatch-workflow.js";

const request: WorkflowDispatch = {
  apiUrl: "https://api.github.com",
  repoId: "repo_1",
  repository: "acme/web",
  workflow: "superplane.yml",
  ref: "main",
  token: "ghp_secret",
  runId: "run_1",
  commitSha: "c".repeat(40),
};
const headers = (entries: Record<string, string> = {}) => new Headers(entries);
const github = (body: Record<string, unknown>) => JSON.stringify(body);

describe("GitHub's answer to a workflow dispatch", () => {
  it("is sent on any 2xx", () => {
    expect(answerOf(request, 204, "", headers())).toEqual({ kind: "dispatched" });
    expect(answerOf(request, 200, "{}", headers())).toEqual({ kind: "dispatched" });
  });

  it("names the fix for a bad token, a missing workflow, a missing permission and a refused input", () => {
    expect(answerOf(request, 401, github({ message: "Bad credentials" }), headers())).toEqual({
      kind: "failed",
      error:
        "GitHub refused the repository's token (401: Bad credentials): change it with PUT /v1/repos/repo_1/dispatch",
    });
    expect(answerOf(request, 404, github({ message: "Not Found" }), headers())).toEqual({
      kind: "failed",
      error:
        'GitHub found no workflow "superplane.yml" in acme/web, or the token cannot see the repository (404: Not Found): change it with PUT /v1/repos/repo_1/dispatch',
    });
    const forbidden = answerOf(
      request,
      403,
      github({ message: "Resource not accessible by integration" }),
      headers(),
    );
    expect(forbidden).toMatchObject({ kind: "failed" });
    expect("error" in forbidden && forbidden.error).toContain("needs the Actions: write permission");
    const refused = answerOf(
      request,
      422,
      github({ message: 'Unexpected inputs provided: ["superplane_commit_sha"]' }),
      headers(),
    );
    expect(refused).toEqual({
      kind: "failed",
      error:
        'GitHub refused the dispatch (422: Unexpected inputs provided: ["superplane_commit_sha"]): the workflow needs on.workflow_dispatch with the inputs superplane_run_id and superplane_commit_sha, and the ref "main" must exist',
    });
  });

  it("retries GitHub's outages and rate limits, not a 403 that is about permissions", () => {
    expect(answerOf(request, 502, "<html>bad gateway</html>", headers())).toEqual({
      kind: "retry",
      error: "GitHub answered 502",
    });
    expect(answerOf(request, 429, "", headers())).toMatchObject({ kind: "retry" });
    const spent = headers({ "x-ratelimit-remaining": "0" });
    expect(answerOf(request, 403, github({ message: "API rate limit exceeded" }), spent)).toEqual({
      kind: "retry",
      error: "GitHub's rate limit was reached (403: API rate limit exceeded)",
    });
    const secondary = headers({ "x-ratelimit-remaining": "4999", "retry-after": "60" });
    expect(
      answerOf(request, 403, github({ message: "You have exceeded a secondary rate limit" }), secondary),
    ).toEqual({
      kind: "retry",
      error: "GitHub's rate limit was reached (403: You have exceeded a secondary rate limit)",
    });
    expect(answerOf(request, 403, "", headers({ "x-ratelimit-remaining": "4999" }))).toMatchObject({
      kind: "failed",
    });
  });

  it("is addressed to the workflow's dispatches endpoint, escaped, under an Enterprise API root too", () => {
    expect(dispatchUrl(request)).toBe(
      "https://api.github.com/repos/acme/web/actions/workflows/superplane.yml/dispatches",
    );
    expect(dispatchUrl({ ...request, apiUrl: "https://ghe.example.com/api/v3/", workflow: "1234" })).toBe(
      "https://ghe.example.com/api/v3/repos/acme/web/actions/workflows/1234/dispatches",
    );
  });
});

describe("dispatching a workflow", () => {
  useGithubNock();

  it("posts the ref and the run's id and commit as inputs, with the token", async () => {
    const scope = nock("https://api.github.com", {
      reqheaders: { authorization: "Bearer ghp_secret", "x-github-api-version": "2022-11-28" },
    })
      .post("/repos/acme/web/actions/workflows/superplane.yml/dispatches", {
        ref: "main",
        inputs: { superplane_run_id: "run_1", superplane_commit_sha: "c".repeat(40) },
      })
      .reply(204);
    expect(await dispatchWorkflow(request, 5_000)).toEqual({ kind: "dispatched" });
    expect(scope.isDone()).toBe(true);
  });

  it("reads GitHub's message from an error answer", async () => {
    nock("https://api.github.com")
      .post("/repos/acme/web/actions/workflows/superplane.yml/dispatches")
      .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com" });
    expect(await dispatchWorkflow(request, 5_000)).toMatchObject({
      kind: "failed",
      error: expect.stringContaining("(404: Not Found)"),
    });
  });

  it("retries when GitHub cannot be reached or does not answer in time", async () => {
    nock("https://api.github.com")
      .post("/repos/acme/web/actions/workflows/superplane.yml/dispatches")
      .replyWithError("socket hang up");
    expect(await dispatchWorkflow(request, 5_000)).toMatchObject({
      kind: "retry",
      error: expect.stringMatching(/^GitHub could not be reached/),
    });
    nock("https://api.github.com")
      .post("/repos/acme/web/actions/workflows/superplane.yml/dispatches")
      .delay(500)
      .reply(204);
    expect(await dispatchWorkflow(request, 100)).toEqual({
      kind: "retry",
      error: "GitHub did not answer within 100 ms",
    });
  });
});
