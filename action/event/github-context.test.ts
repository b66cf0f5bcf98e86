import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EventError, readGithubContext } from "./github-context.js";

const dir = mkdtempSync(join(tmpdir(), "superplane-event-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function eventFile(name: string, payload: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof payload === "string" ? payload : JSON.stringify(payload));
  return path;
}

const SHA = "a".repeat(40);
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  GITHUB_REPOSITORY: "acme/web",
  GITHUB_SHA: SHA,
  GITHUB_EVENT_NAME: "push",
  ...extra,
});

describe("readGithubContext", () => {
  it("reads the runner's variables and the fields of the payload the action uses", () => {
    const path = eventFile("push.json", { before: SHA, after: SHA, ref: "refs/heads/x", sender: { id: 1 } });
    expect(readGithubContext(env({ GITHUB_EVENT_PATH: path, RUNNER_TEMP: "/runner/tmp" }), "/tmp")).toEqual({
      eventName: "push",
      event: { before: SHA, after: SHA, ref: "refs/heads/x" },
      repository: "acme/web",
      sha: SHA,
      apiUrl: "https://api.github.com",
      serverUrl: "https://github.com",
      tempDir: "/runner/tmp",
      origin: { branch: "x", event: "push" },
    });
    const enterprise = readGithubContext(env({ GITHUB_API_URL: "https://ghe.example.com/api/v3/" }), "/tmp");
    expect([enterprise.apiUrl, enterprise.tempDir]).toEqual(["https://ghe.example.com/api/v3", "/tmp"]);
  });

  it("names the run's branch, pull request, event, actor, workflow run and job", () => {
    const pr = eventFile("pr.json", {
      pull_request: { number: 42, base: { sha: SHA, ref: "main" }, head: { sha: SHA, ref: "login" } },
    });
    const runner = {
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: pr,
      GITHUB_REF: "refs/pull/42/merge",
      GITHUB_HEAD_REF: "feature/login",
      GITHUB_ACTOR: "octocat",
      GITHUB_RUN_ID: "9876543210",
      GITHUB_RUN_ATTEMPT: "2",
      GITHUB_JOB: "test",
      GITHUB_SERVER_URL: "https://github.com/",
    };
    expect(readGithubContext(env(runner), "/tmp").origin).toEqual({
      branch: "feature/login",
      pull_request: 42,
      event: "pull_request",
      actor: "octocat",
      ci_run_url: "https://github.com/acme/web/actions/runs/9876543210",
      ci_job: "test",
    });
    const queue = eventFile("queue.json", {
      merge_group: { base_sha: SHA, head_sha: SHA, base_ref: "refs/heads/main" },
    });
    const merged = readGithubContext(
      env({ GITHUB_EVENT_NAME: "merge_group", GITHUB_EVENT_PATH: queue }),
      "/tmp",
    );
    expect(merged.origin).toEqual({ branch: "main", event: "merge_group" });
    const tag = readGithubContext(env({ GITHUB_REF: "refs/tags/v1.0.0", GITHUB_REF_TYPE: "tag" }), "/tmp");
    expect(tag.origin).toEqual({ event: "push" });
  });

  it("says what is wrong with the environment or the payload", () => {
    expect(() => readGithubContext({ GITHUB_SHA: SHA }, "/tmp")).toThrow(
      new EventError("GITHUB_REPOSITORY is not set: run this action inside a GitHub Actions job"),
    );
    expect(() => readGithubContext(env({ GITHUB_REPOSITORY: "acme" }), "/tmp")).toThrow("is not owner/name");
    expect(() => readGithubContext(env({ GITHUB_EVENT_PATH: eventFile("bad.json", "{") }), "/tmp")).toThrow(
      "cannot read the event payload",
    );
    const short = eventFile("short.json", {
      pull_request: { number: 1, base: { sha: "abc", ref: "m" }, head: { sha: SHA, ref: "x" } },
    });
    expect(() => readGithubContext(env({ GITHUB_EVENT_PATH: short }), "/tmp")).toThrow(
      /is not what GitHub sends: pull_request\.base\.sha: a full commit sha/,
    );
    const headless = eventFile("headless.json", {
      pull_request: { number: 1, base: { sha: SHA, ref: "m" } },
    });
    expect(() => readGithubContext(env({ GITHUB_EVENT_PATH: headless }), "/tmp")).toThrow(
      /is not what GitHub sends: pull_request\.head: Expected required property/,
    );
  });

  it("takes the queued run a workflow_dispatch names in superplane_run_id, and nothing else", () => {
    const dispatch = (name: string, inputs: unknown, event = "workflow_dispatch") =>
      readGithubContext(
        env({
          GITHUB_EVENT_NAME: event,
          GITHUB_EVENT_PATH: eventFile(name, { ref: "refs/heads/main", inputs }),
        }),
        "/tmp",
      );
    const inputs = { superplane_run_id: "run_01HZX4", superplane_commit_sha: SHA };
    expect(dispatch("dispatch.json", inputs)).toMatchObject({
      queuedRunId: "run_01HZX4",
      queuedCommitSha: SHA,
    });
    expect(dispatch("no-commit.json", { superplane_run_id: "run_01HZX4" })).not.toHaveProperty(
      "queuedCommitSha",
    );
    // Started by hand from GitHub's page: the input is empty, an ordinary run.
    expect(dispatch("by-hand.json", { superplane_run_id: "" })).not.toHaveProperty("queuedRunId");
    expect(dispatch("no-inputs.json", {})).not.toHaveProperty("queuedRunId");
    expect(dispatch("push.json", inputs, "push")).not.toHaveProperty("queuedRunId");
    expect(() => dispatch("bad.json", { superplane_run_id: "run 1; rm" })).toThrow(
      new EventError('the workflow_dispatch input superplane_run_id "run 1; rm" is not a SuperPlane run id'),
    );
    expect(() =>
      dispatch("short.json", { superplane_run_id: "run_1", superplane_commit_sha: "abc123" }),
    ).toThrow(
      new EventError('the workflow_dispatch input superplane_commit_sha "abc123" is not a full commit sha'),
    );
  });
});
