import { uploadRecords } from "../action/coverage/upload-coverage.js";
import { HttpClient } from "../action/service/http-client.js";
import { ServiceApi } from "../action/service/service-api.js";
import type { CoverageRecord } from "../selector/coverage/types.js";
import type { FileResult } from "../selector/state/junit-results.js";
import { UsageError } from "./exit-codes.js";

/** Where `superplane report` sends a run's results: a run the service made (`POST /v1/runs`). */
export interface ServiceTarget {
  apiUrl: string;
  token: string;
  runId: string;
}

export interface ServiceFlags {
  apiUrl?: string;
  token?: string;
  runId?: string;
}

/**
 * The service to report to, from the flags or SUPERPLANE_API_URL / SUPERPLANE_TOKEN; none without
 * a run id. A run id without a URL and token, or a URL without a run id, is a usage error.
 */
export function serviceTarget(flags: ServiceFlags, env: NodeJS.ProcessEnv): ServiceTarget | undefined {
  const apiUrl = flags.apiUrl ?? env.SUPERPLANE_API_URL;
  const token = flags.token ?? env.SUPERPLANE_TOKEN;
  if (flags.runId === undefined) {
    if (flags.apiUrl !== undefined || flags.token !== undefined)
      throw new UsageError(
        "--api-url and --token report to a run: add --run-id ID (the run the service made)",
      );
    return undefined;
  }
  if (!apiUrl) throw new UsageError("--run-id needs the service: --api-url URL or SUPERPLANE_API_URL");
  if (!token) throw new UsageError("--run-id needs a read+write token: --token T or SUPERPLANE_TOKEN");
  return { apiUrl, token, runId: flags.runId };
}

export interface ServiceReport {
  /** The JUnit reports as written, in order. */
  reports: readonly { path: string; xml: string }[];
  /** Their results, one per test file, each at its measured duration. */
  results: readonly FileResult[];
  /** The test command's wall time (`--wall-ms`): the run's duration. */
  wallMs?: number;
  /** Coverage records of the tests that passed. */
  records: readonly CoverageRecord[];
  commit: string;
  log: (line: string) => void;
}

/**
 * Sends the results and coverage to the run as the action does, through the action's client
 * (retries, timeouts, error messages): the reports' results to the run, each file at its measured
 * duration, with the command's wall time; the records to its repository. A service error is thrown (ServiceError) after what was kept locally.
 */
export async function reportToService(target: ServiceTarget, report: ServiceReport): Promise<void> {
  const http = new HttpClient({ baseUrl: target.apiUrl, token: target.token, log: report.log });
  try {
    const service = new ServiceApi(http);
    const run = await service.getRun(target.runId);
    if (report.reports.length > 0) {
      const answer = await service.reportResults(
        run.id,
        {
          results: report.results,
          unmapped: [],
          ...(report.wallMs !== undefined ? { duration_ms: report.wallMs } : {}),
        },
        undefined,
      );
      for (const warning of answer.warnings) report.log(`warning: ${warning.message}`);
      report.log(`reported ${report.reports.length} JUnit report(s) to run ${run.id}: ${answer.status}`);
    }
    if (report.records.length > 0) {
      const stored = await uploadRecords(service, run.repo_id, report.commit, report.records);
      report.log(`coverage of ${stored} passing test files stored in the service`);
    }
  } finally {
    await http.close();
  }
}
