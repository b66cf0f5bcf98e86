import { createHash } from "node:crypto";

/**
 * This job attempt on GitHub Actions: run id, attempt, job and shard. The shard is
 * SUPERPLANE_SHARD when set, else the runner's name: matrix legs of one job share the job id but
 * run on different runners at once, while every retry of one request stays on its runner.
 */
export function jobAttempt(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_JOB } = env;
  if (!GITHUB_RUN_ID || !GITHUB_JOB) return undefined;
  const shard = env.SUPERPLANE_SHARD || env.RUNNER_NAME || "";
  return `${GITHUB_RUN_ID}.${GITHUB_RUN_ATTEMPT || "1"}.${GITHUB_JOB}.${shard}`.slice(0, 200);
}

/** The `Idempotency-Key` of one request of a job attempt: its retries send the same one. */
export function idempotencyKey(jobAttempt: string, method: string, path: string, body: string): string {
  const request = createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex").slice(0, 24);
  return `superplane:${jobAttempt}:${request}`;
}
