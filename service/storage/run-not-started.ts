/** Results for a run that is still queued: no action has decided it, so there is nothing to judge. */
export class RunNotStartedError extends Error {
  override readonly name = "RunNotStartedError";
  constructor(readonly runId: string) {
    super(`run ${runId} is queued: results come from the action run that starts it`);
  }
}
