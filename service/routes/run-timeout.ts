import type { RouteDeps } from "../http/typed-app.js";

/**
 * DESIGN is silent on runs whose reports never come (a shard cancelled, a job without `junit`),
 * and on runs queued through the API that no action run comes for (a dispatch GitHub refused, a
 * workflow that never names the run). Both turn `incomplete` lazily, when the organization's runs
 * are read: no worker to run, the answer is right at the moment it is given, and the clock is the
 * app's (tests move it). Adoption checks the same queued cutoff (queuedCutoff), read or not.
 */
export async function expireStaleRuns(deps: RouteDeps, orgId: string): Promise<void> {
  const now = deps.clock.now();
  const running = new Date(now.getTime() - deps.runTimeoutMs);
  await deps.storage.expireRuns(orgId, { running, queued: queuedCutoff(deps, now) }, now);
}

/** Runs queued before this have expired: `--queued-timeout` ago. */
export function queuedCutoff(deps: RouteDeps, now: Date): Date {
  return new Date(now.getTime() - deps.queuedTimeoutMs);
}
