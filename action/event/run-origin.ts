import type { EventPayload } from "./github-context.js";

/** Where a run comes from, in the service's field names (POST /v1/selection and /v1/runs). */
export interface RunOrigin {
  branch?: string;
  pull_request?: number;
  event?: string;
  actor?: string;
  /** The workflow run's page; without the attempt, so a re-run reports to the same sharded run. */
  ci_run_url?: string;
  /** The job's id in the workflow: the shards of one job share a run, other jobs get their own. */
  ci_job?: string;
}

const fits = (value: string | undefined, max: number) =>
  value !== undefined && value !== "" && value.length <= max ? value : undefined;

/** The branch the run is about: a pull request's head, a merge queue's target, a pushed branch. */
function branchOf(eventName: string, event: EventPayload, env: NodeJS.ProcessEnv): string | undefined {
  if (event.pull_request) return env.GITHUB_HEAD_REF || event.pull_request.head.ref;
  if (event.merge_group?.base_ref) return event.merge_group.base_ref.replace(/^refs\/heads\//, "");
  const ref = env.GITHUB_REF ?? event.ref ?? "";
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  // A tag, or an event without a ref: no branch.
  return eventName === "push" && env.GITHUB_REF_TYPE === "branch" ? env.GITHUB_REF_NAME : undefined;
}

/** What the runner's environment and the event say about the run; anything missing is left out. */
export function runOrigin(
  env: NodeJS.ProcessEnv,
  eventName: string,
  event: EventPayload,
  repository: string,
  serverUrl: string,
): RunOrigin {
  const origin: RunOrigin = {};
  const branch = fits(branchOf(eventName, event, env), 256);
  if (branch) origin.branch = branch;
  if (event.pull_request && event.pull_request.number > 0) origin.pull_request = event.pull_request.number;
  const name = fits(eventName, 64);
  if (name) origin.event = name;
  const actor = fits(env.GITHUB_ACTOR, 256);
  if (actor) origin.actor = actor;
  if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) {
    origin.ci_run_url = `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  const job = fits(env.GITHUB_JOB, 256);
  if (job) origin.ci_job = job;
  return origin;
}
