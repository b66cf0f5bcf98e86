import { type Static, Type } from "@sinclair/typebox";
import { MAX_INT32, RepoPath, Sha, Timestamp } from "./common.js";

/** At most this many tests an upload. */
export const MAX_DURATION_ITEMS = 100_000;

/** One test file's last measured duration, as a job measured it (the action's `.git/superplane/`). */
export const MeasuredDuration = Type.Object({
  test_path: RepoPath,
  duration_ms: Type.Integer({ minimum: 0, maximum: MAX_INT32 }),
  measured_at: Timestamp,
  commit_sha: Sha,
});
export type MeasuredDuration = Static<typeof MeasuredDuration>;

/** Durations measured without the service (before it was set up); a newer one per test wins. */
export const DurationsUpload = Type.Object({
  durations: Type.Array(MeasuredDuration, { maxItems: MAX_DURATION_ITEMS }),
});
export type DurationsUpload = Static<typeof DurationsUpload>;

export const DurationsStored = Type.Object({
  stored: Type.Integer({ description: "tests whose duration was newer than the stored one, or new" }),
});

export const DurationList = Type.Object({
  durations: Type.Array(MeasuredDuration, {
    description: "each measured test file's newest duration (reported results and uploads), by path",
  }),
});
