import { markUploaded, uploadedTo } from "../../selector/state/upload-mark.js";
import { uploadRecords } from "../coverage/upload-coverage.js";
import type { Note } from "../select/plan.js";
import type { ServiceApi } from "../service/service-api.js";
import { ServiceError } from "../service/service-error.js";
import type { LocalState } from "./local-state.js";

export interface UploadStateInput {
  service: ServiceApi;
  /** The service's URL: the mark that says this service has the state. */
  apiUrl: string;
  repoId: string;
  /** The commit of this job: a record without its own commit is stored at it. */
  commitSha: string;
  state: LocalState;
  log: (line: string) => void;
}

/**
 * A team that started without a service keeps what it learned: the first time a service answers,
 * the durations and coverage records of `.git/superplane/` go to it, once (marked in the state).
 * A failure is a warning, and the next job tries again.
 */
export async function uploadStateOnce(input: UploadStateInput): Promise<Note | undefined> {
  const { state, service, repoId } = input;
  if (!state.dir || (await uploadedTo(state.dir, input.apiUrl))) return undefined;
  const durations = Object.entries(state.durations).map(([test_path, d]) => ({
    test_path,
    duration_ms: d.duration_ms,
    measured_at: d.measured_at,
    commit_sha: d.commit,
  }));
  try {
    if (durations.length > 0) await service.uploadDurations(repoId, durations);
    const coverage = await uploadRecords(service, repoId, input.commitSha, state.coverage);
    await markUploaded(state.dir, input.apiUrl, {
      at: new Date().toISOString(),
      durations: durations.length,
      coverage,
    });
    if (durations.length + coverage > 0) {
      input.log(
        `local state uploaded to the service: durations of ${durations.length} and coverage of ${coverage} test files (once)`,
      );
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return {
      level: "warning",
      message: `the durations and coverage kept in .git/superplane/ could not be uploaded (${error.message}); the next job tries again`,
    };
  }
}
