import { describe, expect, it } from "vitest";
import { idempotencyKey, jobAttempt } from "./idempotency-key.js";

const github = {
  GITHUB_RUN_ID: "9876543210",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_JOB: "test",
  RUNNER_NAME: "GitHub Actions 12",
};

describe("idempotency keys", () => {
  it("name the job attempt: run id, attempt, job and shard (the runner, which matrix legs do not share)", () => {
    expect(jobAttempt(github)).toBe("9876543210.2.test.GitHub Actions 12");
    expect(jobAttempt({ ...github, SUPERPLANE_SHARD: "3/4" })).toBe("9876543210.2.test.3/4");
    // Outside GitHub Actions there is no job to name: no key.
    expect(jobAttempt({})).toBeUndefined();
  });

  it("are one per job attempt and request: a retry sends the same, another request another", () => {
    const base = jobAttempt(github)!;
    const run = idempotencyKey(base, "POST", "/runs", '{"a":1}');
    expect(run).toBe(idempotencyKey(base, "POST", "/runs", '{"a":1}'));
    expect(run).not.toBe(idempotencyKey(base, "POST", "/runs", '{"a":2}'));
    expect(run).not.toBe(idempotencyKey(`${base}x`, "POST", "/runs", '{"a":1}'));
    expect(run).toMatch(/^superplane:9876543210\.2\.test\.GitHub Actions 12:[0-9a-f]{24}$/);
    expect(run.length).toBeLessThanOrEqual(255);
  });
});
