import type { Static, TSchema } from "@sinclair/typebox";
import type { DecisionColumns } from "../../contract/decision-columns.js";
import type { Decision } from "../../contract/selection.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import type { SelectionRequestBody } from "../../selector/select/selection-request.js";
import type { FileResult } from "../../selector/state/junit-results.js";
import type { RunOrigin } from "../event/run-origin.js";
import {
  CoverageQueryAnswer,
  CoverageStoredAnswer,
  DurationListAnswer,
  DurationsStoredAnswer,
  RepoAnswer,
  ResultsAnswer,
  RunAnswer,
  RunRefAnswer,
  SelectionAnswer,
} from "./answers.js";
import type { Call, HttpClient } from "./http-client.js";
import { idempotencyKey } from "./idempotency-key.js";
import { compactBody, decisionsOf } from "./selection-wire.js";
import { ServiceError } from "./service-error.js";

/** A result whose path maps to no test of the repository, and why. */
export type UnmappedResult = FileResult & { reason: string };

/** A shard of a matrix job: `index` of `total`, 1-based. */
export interface Shard {
  index: number;
  total: number;
}

/** The service's decision, whichever endpoint made it. */
export interface ServiceDecision {
  runId: string;
  mode: "selective" | "full";
  fullReason?: string;
  decisions: Static<typeof Decision>[];
  /** What the graph alone would have selected, when a trained model decided. */
  graphAlone?: { testsSelected: number; addedByModel: string[] };
  /** The run's page on the service's dashboard. */
  dashboardUrl?: string;
}

/** The decision of a run (`POST /runs`) or of a selection alone (`POST /selection`): the same fields. */
function decisionOf(
  runId: string,
  answer: {
    mode: ServiceDecision["mode"];
    full_reason?: string | null | undefined;
    decisions: ServiceDecision["decisions"];
    decision_columns?: DecisionColumns | undefined;
    graph_alone?: { tests_selected: number; added_by_model: string[] } | undefined;
    dashboard_url?: string | undefined;
  },
): ServiceDecision {
  return {
    runId,
    mode: answer.mode,
    ...(answer.full_reason ? { fullReason: answer.full_reason } : {}),
    decisions: decisionsOf(answer),
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

/**
 * A service older than `test_columns` drops the key it does not know and then misses `tests`:
 * 400 naming `body.tests`. The action then sends the tests as objects, as before.
 */
export const refusedColumns = (error: unknown) =>
  error instanceof ServiceError &&
  error.code === "VALIDATION_FAILED" &&
  /\bbody\.tests\b/.test(error.message);

/** The calls the action makes, typed; every one goes through the retrying client. */
export class ServiceApi {
  /** `jobAttempt`: this CI job attempt (./idempotency-key.ts); its writes then carry `Idempotency-Key`. */
  constructor(
    private readonly http: HttpClient,
    private readonly jobAttempt?: string,
  ) {}

  /** The service refused `test_columns` once (refusedColumns): the tests go as objects from then on. */
  private testsAsObjects = false;

  /** A write the service must do once however often it is retried. */
  private once<S extends TSchema>(call: Call<S>): Promise<Static<S>> {
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
   * run.started and takes the results; a shard joins the run its job's first shard started),
   * `POST /v1/selection` when it only selects. Both carry where the run comes from.
   */
  async decide(
    body: SelectionRequestBody & RunOrigin,
    start: { policyRef: string; shard?: Shard; queuedRunId?: string } | undefined,
  ): Promise<ServiceDecision> {
    if (this.testsAsObjects) return this.decideWith(body, start);
    try {
      return await this.decideWith(compactBody(body), start);
    } catch (error) {
      if (!refusedColumns(error)) throw error;
      this.http.log(`${(error as Error).message}; sending the tests as objects`);
      this.testsAsObjects = true;
      return this.decideWith(body, start);
    }
  }

  /** The tests as columns and the decisions asked as columns (./selection-wire.ts), or both as objects. */
  private async decideWith(
    body: object,
    start: { policyRef: string; shard?: Shard; queuedRunId?: string } | undefined,
  ): Promise<ServiceDecision> {
    if (start) {
      const shard = start.shard ? { shard: start.shard } : {};
      // The run the service queued and dispatched this workflow for takes this job's decision.
      const queued = start.queuedRunId ? { queued_run_id: start.queuedRunId } : {};
      const run = await this.once({
        method: "POST",
        path: "/runs",
        body: json({ ...body, policy_ref: start.policyRef, ...shard, ...queued }),
        schema: RunAnswer,
      });
      return decisionOf(run.id, run);
    }
    const answer = await this.http.call({
      method: "POST",
      path: "/selection",
      body: json(body),
      schema: SelectionAnswer,
    });
    return decisionOf(answer.run_id, answer);
  }

  /**
   * Every result of this job in one report (repository paths: action/run/report-results.ts), each
   * file at its measured duration, with the command's wall time, its shard and the results no test
   * could be found for; an empty report says the job ran nothing, which completes its part of the run.
   */
  reportResults(
    runId: string,
    report: { results: readonly FileResult[]; unmapped: readonly UnmappedResult[]; duration_ms?: number },
    shard: Shard | undefined,
  ): Promise<ResultsAnswer> {
    const unmapped = report.unmapped.length > 0 ? { unmapped: report.unmapped } : {};
    const wall = report.duration_ms !== undefined ? { duration_ms: report.duration_ms } : {};
    return this.once({
      method: "POST",
      path: `/runs/${encodeURIComponent(runId)}/results`,
      body: json({ results: report.results, ...unmapped, ...wall, ...(shard ? { shard } : {}) }),
      schema: ResultsAnswer,
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

  /**
   * One JUnit XML report as written (`superplane report`): the service maps its paths against the
   * run's tests and says in `warnings` what it could not.
   */
  reportJUnit(runId: string, xml: string): Promise<ResultsAnswer> {
    return this.once({
      method: "POST",
      path: `/runs/${encodeURIComponent(runId)}/results`,
      body: { type: "application/xml", data: xml },
      schema: ResultsAnswer,
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
