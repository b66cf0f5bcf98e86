/** Documented in the README ("Exit codes"); scripts branch on these. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  git: 3,
  /** The policy is invalid: a full selection is still written, so a pipeline can run everything. */
  policy: 4,
  diffInput: 5,
  /** `report --run-id`: the service did not take the results (they were kept locally first). */
  service: 6,
} as const;

export class UsageError extends Error {
  override name = "UsageError";
}
