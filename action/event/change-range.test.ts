import { describe, expect, it } from "vitest";
import { changeRange } from "./change-range.js";
import type { GithubContext } from "./github-context.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const M = "c".repeat(40);
const ZERO = "0".repeat(40);

function context(eventName: string, event: GithubContext["event"]): GithubContext {
  return {
    eventName,
    event,
    repository: "acme/web",
    sha: M,
    apiUrl: "https://api.github.com",
    serverUrl: "https://github.com",
    tempDir: "/tmp",
    origin: {},
  };
}

const pr = {
  pull_request: { number: 1, base: { sha: A, ref: "main" }, head: { sha: B, ref: "topic" } },
};

describe("changeRange", () => {
  it("compares a pull request from its base and reports on its head, not the merge commit", () => {
    expect(changeRange({}, context("pull_request", pr))).toEqual({
      base: { kind: "commit", sha: A },
      head: "HEAD",
      reportSha: B,
    });
    expect(changeRange({}, context("pull_request_target", pr)).reportSha).toBe(B);
  });

  it("compares a merge group from its base", () => {
    const event = { merge_group: { base_sha: A, head_sha: B } };
    expect(changeRange({}, context("merge_group", event))).toEqual({
      base: { kind: "commit", sha: A },
      head: "HEAD",
      reportSha: B,
    });
  });

  it("compares a push from before, and a new branch from the default branch", () => {
    const repository = { default_branch: "main" };
    expect(
      changeRange({}, context("push", { before: A, after: B, ref: "refs/heads/x", repository })),
    ).toEqual({ base: { kind: "commit", sha: A }, head: "HEAD", reportSha: B });
    expect(
      changeRange({}, context("push", { before: ZERO, after: B, ref: "refs/heads/x", repository })),
    ).toEqual({ base: { kind: "branch", name: "main" }, head: "HEAD", reportSha: B });
  });

  it("runs everything, saying why, when a push has nothing to compare with", () => {
    const first = changeRange(
      {},
      context("push", {
        before: ZERO,
        after: B,
        ref: "refs/heads/main",
        repository: { default_branch: "main" },
      }),
    );
    expect(first.base).toBeUndefined();
    expect(first.fullReason).toBe("the first push of the default branch main: nothing to compare with");
    const deleted = changeRange({}, context("push", { before: A, after: ZERO, deleted: true }));
    expect(deleted).toMatchObject({ reportSha: M, fullReason: expect.stringContaining("deleted a branch") });
    const nameless = changeRange({}, context("push", { before: ZERO, after: B, ref: "refs/heads/x" }));
    expect(nameless.fullReason).toContain("names no default branch");
  });

  it("compares a manual run on a branch with the default branch; on the default branch there is no change", () => {
    const repository = { default_branch: "main" };
    expect(changeRange({}, context("workflow_dispatch", { ref: "refs/heads/x", repository })).base).toEqual({
      kind: "branch",
      name: "main",
    });
    expect(
      changeRange({}, context("workflow_dispatch", { ref: "refs/heads/main", repository })).fullReason,
    ).toContain("a manual run on main has no change to compare");
  });

  it("tests and reports the commit a run dispatched by the service was queued for, not the branch's head", () => {
    const repository = { default_branch: "main" };
    const dispatched = {
      ...context("workflow_dispatch", { ref: "refs/heads/release", repository }),
      queuedRunId: "run_1",
      queuedCommitSha: B,
    };
    expect(changeRange({}, dispatched)).toEqual({
      base: { kind: "branch", name: "main" },
      head: B,
      reportSha: B,
    });
    // The head input still wins.
    expect(changeRange({ head: "HEAD" }, dispatched)).toMatchObject({ head: "HEAD", reportSha: B });
    const onMain = { ...dispatched, event: { ref: "refs/heads/main", repository } };
    expect(changeRange({}, onMain)).toMatchObject({ head: B, reportSha: B, fullReason: expect.any(String) });
  });

  it("has no change for other events, unless the base input names one; inputs win over the event", () => {
    expect(changeRange({}, context("schedule", {})).fullReason).toBe(
      "the schedule event has no change to compare (set the base input to compare with a revision)",
    );
    expect(changeRange({ base: "v1.2.0", head: "HEAD~0" }, context("schedule", {}))).toEqual({
      base: { kind: "revision", rev: "v1.2.0" },
      head: "HEAD~0",
      reportSha: M,
    });
    expect(changeRange({ base: "origin/dev" }, context("pull_request", pr)).base).toEqual({
      kind: "revision",
      rev: "origin/dev",
    });
  });
});
