import type { RouteDeps } from "../http/typed-app.js";

/**
 * DESIGN is silent on runs whose reports never come (a shard cancelled, a job without `junit`).
 * They turn `incomplete` lazily, when the organization's runs are read: no worker to run, the
 * answer is right at the moment it is given, and the clock is the app's (tests move it).
 */
export async function expireStaleRuns(deps: RouteDeps, orgId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.storage.expireRuns(orgId, new Date(now.getTime() - deps.runTimeoutMs), now);
}
