import type { CoverageRecord } from "../../selector/coverage/types.js";
import type { SelectionRequestBody } from "../../selector/select/selection-request.js";
import type { Call, HttpClient } from "./http-client.js";
import { idempotencyKey } from "./idempotency-key.js";
import {
  CoverageQueryAnswer,
  CoverageStoredAnswer,
  type Decision,
  DurationListAnswer,
  DurationsStoredAnswer,
  RepoAnswer,
  RunAnswer,
  RunRefAnswer,
  SelectionAnswer,
  type TestResult,
} from "./wire.js";

/** The service's decision, whichever endpoint made it. */
export interface ServiceDecision {
  runId: string;
  mode: "selective" | "full";
  fullReason?: string;
  decisions: Decision[];
  /** What the graph alone would have selected, when a trained model decided. */
  graphAlone?: { testsSelected: number; addedByModel: string[] };
  /** The run's page on the service's dashboard. */
  dashboardUrl?: string;
}

function extrasOf(answer: {
  graph_alone?: { tests_selected: number; added_by_model: string[] } | undefined;
  dashboard_url?: string | undefined;
}): Pick<ServiceDecision, "graphAlone" | "dashboardUrl"> {
  return {
    ...(answer.graph_alone
      ? {
          graphAlone: {
            testsSelected: answer.graph_alone.tests_selected,
            addedByModel: answer.graph_alone.added_by_model,
          },
        }
      : {}),
    ...(answer.dashboard_url ? { dashboardUrl: answer.dashboard_url } : {}),
  };
}

const json = (value: unknown) => ({ type: "application/json", data: JSON.stringify(value) });

/** The calls the action makes, typed; every one goes through the retrying client. */
export class ServiceApi {
  /** `jobAttempt`: this CI job attempt (./idempotency-key.ts); its writes then carry `Idempotency-Key`. */
  constructor(
    private readonly http: HttpClient,
    private readonly jobAttempt?: string,
  ) {}

  /** A write the service must do once however often it is retried. */
  private once<T>(call: Call<T>): Promise<T> {
    if (!this.jobAttempt) return this.http.call(call);
    const key = idempotencyKey(this.jobAttempt, call.method, call.path, call.body?.data ?? "");
    return this.http.call({ ...call, idempotencyKey: key });
  }

  /** Connects `owner/name` (connecting again answers the same id), so first use needs no set-up. */
  async connectRepo(name: string): Promise<string> {
    const repo = await this.http.call({
      method: "POST",
      path: "/repos",
      body: json({ name }),
      schema: RepoAnswer,
    });
    return repo.id;
  }

  /**
   * `POST /v1/runs` when the action will run the tests (the run starts `running`, fires
   * run.started and takes the results), `POST /v1/selection` when it only selects.
   */
  async decide(
    body: SelectionRequestBody,
    start: { policyRef: string } | undefined,
  ): Promise<ServiceDecision> {
    if (start) {
      const run = await this.once({
        method: "POST",
        path: "/runs",
        body: json({ ...body, policy_ref: start.policyRef }),
        schema: RunAnswer,
      });
      return {
        runId: run.id,
        mode: run.mode,
        ...(run.full_reason ? { fullReason: run.full_reason } : {}),
        decisions: run.decisions,
        ...extrasOf(run),
      };
    }
    const answer = await this.http.call({
      method: "POST",
      path: "/selection",
      body: json(body),
      schema: SelectionAnswer,
    });
    return {
      runId: answer.run_id,
      mode: answer.mode,
      ...(answer.full_reason ? { fullReason: answer.full_reason } : {}),
      decisions: answer.decisions,
      ...extrasOf(answer),
    };
  }

  /**
   * The run's results, one per test file at its measured duration, and the command's wall time;
   * results merge by test path, so a retry replaces them.
   */
  reportResults(
    runId: string,
    report: { results: readonly TestResult[]; duration_ms?: number },
  ): Promise<{ status: string; results: TestResult[] }> {
    return this.once({
      method: "POST",
      path: `/runs/${encodeURIComponent(runId)}/results`,
      body: json(report),
      schema: RunAnswer,
    });
  }

  /** The run's repository and commit: `superplane report` knows only the run's id. */
  getRun(runId: string): Promise<RunRefAnswer> {
    return this.http.call({
      method: "GET",
      path: `/runs/${encodeURIComponent(runId)}`,
      schema: RunRefAnswer,
    });
  }

  /** The latest coverage record of each of `tests` that has one. */
  async coverageRecords(repoId: string, tests: readonly string[]): Promise<CoverageRecord[]> {
    const answer = await this.http.call({
      method: "POST",
      path: `/repos/${encodeURIComponent(repoId)}/coverage/query`,
      body: json({ tests }),
      schema: CoverageQueryAnswer,
    });
    return answer.records;
  }

  /** Stores the records of the tests a run ran, each replacing the test's previous one. */
  async uploadCoverage(
    repoId: string,
    commitSha: string,
    records: readonly CoverageRecord[],
  ): Promise<number> {
    const answer = await this.once({
      method: "PUT",
      path: `/repos/${encodeURIComponent(repoId)}/coverage`,
      body: json({ commit_sha: commitSha, records }),
      schema: CoverageStoredAnswer,
    });
    return answer.stored;
  }

  /** Durations measured before the service was set up (`.git/superplane/`); a newer one per test wins. */
  async uploadDurations(
    repoId: string,
    durations: readonly { test_path: string; duration_ms: number; measured_at: string; commit_sha: string }[],
  ): Promise<number> {
    const answer = await this.http.call({
      method: "PUT",
      path: `/repos/${encodeURIComponent(repoId)}/durations`,
      body: json({ durations }),
      schema: DurationsStoredAnswer,
    });
    return answer.stored;
  }

  /**
   * Each test file's newest measured duration the service keeps (from reported results and from
   * uploads), to estimate the time a skip saves.
   */
  async lastDurations(repoId: string): Promise<Map<string, number>> {
    const answer = await this.http.call({
      method: "GET",
      path: `/repos/${encodeURIComponent(repoId)}/durations`,
      schema: DurationListAnswer,
    });
    return new Map(answer.durations.map((d) => [d.test_path, d.duration_ms]));
  }
}
