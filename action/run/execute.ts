import { rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type FileDuration,
  fileDurations,
  readFileTimes,
  readRunMs,
  resultsToSend,
} from "../../selector/state/file-times.js";
import { unrunNote, unrunTests } from "../../selector/state/unrun-tests.js";
import { vitestCoverageReporter } from "../coverage/reporter-path.js";
import { coverageSaid, type RunCoverage, runCoverage, uploadRecords } from "../coverage/upload-coverage.js";
import type { ResultsOutcome, TestsOutcome } from "../report/summary-markdown.js";
import type { Note, Plan } from "../select/plan.js";
import type { ServiceApi } from "../service/service-api.js";
import { ServiceError } from "../service/service-error.js";
import type { Settings } from "../settings.js";
import { jobFlaky } from "../state/job-flaky.js";
import type { LocalState } from "../state/local-state.js";
import { saveRun } from "../state/save-run.js";
import { commandWallMs, fillFromBatches, withFilesMs } from "./batch-times.js";
import { quote } from "./command-template.js";
import type { TestFailure } from "./junit-failures.js";
import type { Report } from "./junit-reports.js";
import { type ReadReports, readReports } from "./report-results.js";
import { runTests } from "./run-tests.js";
import { shardSlice } from "./shard-slice.js";

export interface ExecuteInput {
  settings: Settings;
  plan: Plan;
  service: ServiceApi | undefined;
  /** `.git/superplane/`: what this run measures is kept there for the next job. */
  state: LocalState;
  tempDir: string;
  log: (line: string) => void;
  annotate: (note: Note) => void;
}

export interface Executed {
  tests: TestsOutcome;
  results?: ResultsOutcome;
  /** Each test file's duration this run: its share of its batch's wall time. */
  durations: Map<string, number>;
  /** Every duration `.git/superplane/` knows after this run. */
  stateDurations: Map<string, number>;
  /** The failing test cases the reports name, with their messages and lines. */
  failures: TestFailure[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A warning for the log, an annotation and the summary. */
function warn(input: ExecuteInput, note: Note): void {
  input.annotate(note);
  input.plan.notes.push(note);
}

/**
 * The job's results in one report, with its shard, so the run's status is computed once from all
 * of them; the service's warnings about paths the action did not already warn about are shown.
 */
async function sendResults(
  input: ExecuteInput,
  runId: string,
  read: Pick<ReadReports, "mapped" | "unmapped">,
  reports: number,
  measured?: Measured,
): Promise<ResultsOutcome> {
  const { service, settings } = input;
  try {
    // Each file at its measured duration (JUnit's case times leave out set-up and import), and
    // the command's wall time: the run's duration.
    const results = measured ? resultsToSend(read.mapped, measured.durations) : read.mapped;
    const answer = await service!.reportResults(
      runId,
      { results, unmapped: read.unmapped, ...(measured ? { duration_ms: measured.wallMs } : {}) },
      settings.shard,
    );
    // The action already warned about what it could not map.
    for (const warning of answer.warnings) {
      if (warning.code !== "UNMAPPED") warn(input, { level: "warning", message: warning.message });
    }
    const shard = settings.shard ? ` as shard ${settings.shard.index}/${settings.shard.total}` : "";
    const waiting =
      answer.status === "running" && answer.shard_total
        ? ` (${answer.shards_reported.length} of ${answer.shard_total} shards reported)`
        : "";
    input.log(
      `reported ${read.mapped.length} test files to run ${runId}${shard}: ${answer.status}${waiting}`,
    );
    // The summary says "run running (1 of 3 shards reported)" while the other shards are at work.
    return { reports, status: `${answer.status}${waiting}` };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    input.annotate({ level: "warning", message: `test results not reported: ${error.message}` });
    return { reports, error: error.message };
  }
}

/** `{coverage}` in the run command: the collector's Vitest reporter (dist/coverage/). */
export function withCoverageReporter(template: string, reporter: () => string): string {
  if (!template.includes("{coverage}")) return template;
  return template.replaceAll(
    "{coverage}",
    `--reporter=${quote(reporter(), process.platform === "win32" ? "cmd" : "posix")}`,
  );
}

/** Stores the coverage in the service; a failure is a warning: the tests ran and were reported. */
async function sendCoverage(input: ExecuteInput, coverage: RunCoverage): Promise<void> {
  const { plan, service } = input;
  if (!service || !plan.repoId || plan.decidedBy !== "service") return;
  try {
    const stored =
      coverage.records.length > 0
        ? await uploadRecords(service, plan.repoId, plan.head, coverage.records)
        : 0;
    input.log(coverageSaid(coverage, stored, ""));
  } catch (error) {
    input.annotate({ level: "warning", message: `coverage not stored: ${message(error)}` });
  }
}

/** The reports' results: sent to the run when the service decided, read here in any case. */
/** What the run measured: each file's duration, the command's wall time. */
interface Measured {
  durations: FileDuration[];
  wallMs: number;
}

async function results(
  reports: Report[],
  input: ExecuteInput,
  read: ReadReports,
  measured: Measured,
): Promise<ResultsOutcome> {
  const { plan, service, settings } = input;
  if (reports.length === 0) {
    const error = `no JUnit report matched ${settings.junit.join(", ")}`;
    input.annotate({ level: "warning", message: `${error}: no test durations were measured` });
    return { reports: 0, error };
  }
  if (service && plan.runId) return sendResults(input, plan.runId, read, reports.length, measured);
  return { reports: reports.length, kept: measured.durations.length };
}

/** Tells the service's run that this job ran nothing, so the run (or this shard of it) is done. */
async function reportNothingRan(input: ExecuteInput): Promise<ResultsOutcome | undefined> {
  const { plan, service } = input;
  if (!service || !plan.runId || plan.decidedBy !== "service") return undefined;
  return sendResults(input, plan.runId, { mapped: [], unmapped: [] }, 0);
}

/**
 * Runs the `run` command for the selected tests (all of them in a full run), reports the JUnit
 * results to the run and the coverage the collector recorded (`{coverage}`) to the service when
 * it decided, and keeps both in `.git/superplane/` for the next job. No command, or nothing
 * selected: nothing runs, and the summary says so.
 */
export async function executeTests(input: ExecuteInput): Promise<Executed> {
  const { settings, plan } = input;
  const known = () => new Map(Object.entries(input.state.durations).map(([t, d]) => [t, d.duration_ms]));
  if (!settings.run) {
    return { tests: { state: "not-run" }, durations: new Map(), stateDurations: known(), failures: [] };
  }
  const share = settings.shard ? shardSlice(plan.selected, settings.shard) : plan.selected;
  if (settings.shard) {
    const { index, total } = settings.shard;
    input.log(`shard ${index}/${total}: ${share.length} of the ${plan.selected.length} selected tests`);
  }
  if (share.length === 0) {
    input.log(
      plan.selected.length === 0
        ? "no test needed running for this change: the command did not run"
        : "this shard's share of the selected tests is empty: the command did not run",
    );
    const reported = await reportNothingRan(input);
    return {
      tests: { state: "nothing-to-run" },
      ...(reported ? { results: reported } : {}),
      durations: new Map(),
      stateDurations: known(),
      failures: [],
    };
  }
  const coverageDir = join(input.tempDir, "superplane-coverage");
  await rm(coverageDir, { recursive: true, force: true });
  const outcome = await runTests({
    template: withCoverageReporter(settings.run, vitestCoverageReporter),
    tests: share,
    workspace: settings.workspace,
    tempDir: input.tempDir,
    junit: settings.junit,
    env: {
      SUPERPLANE_MODE: plan.mode,
      SUPERPLANE_RUN_ID: plan.runId ?? "",
      SUPERPLANE_COVERAGE_DIR: coverageDir,
    },
    log: input.log,
  });
  const tests: TestsOutcome = {
    state: outcome.exitCode === 0 ? "passed" : "failed",
    exitCode: outcome.exitCode,
    batches: outcome.batches,
  };
  const read = readReports(outcome.reports, {
    tests: plan.decisions.map((d) => d.test_path),
    selected: new Set(share),
    workspace: settings.workspace,
  });
  for (const note of read.notes) warn(input, note);
  if (read.remapped > 0) {
    input.log(
      `${read.remapped} result path(s) were relative to the runner's folder: mapped to repository paths`,
    );
  }
  const local = read.mapped;
  const times = await readFileTimes(coverageDir, settings.workspace, input.log);
  const unrun = unrunTests(share, { results: local.map((r) => r.test_path), timed: times.keys() });
  if (unrun && unrun.length > 0) warn(input, unrunNote(unrun, settings.run));
  const measured: Measured = {
    durations: fillFromBatches(
      fileDurations(local, times),
      withFilesMs(outcome.times, await readRunMs(coverageDir)),
    ),
    wallMs: commandWallMs(outcome.times),
  };
  const byRunner = measured.durations.filter((d) => d.source === "runner").length;
  input.log(
    `the command took ${measured.wallMs} ms; test files timed by the runner: ${byRunner}, by their reports and the batch's wall time: ${measured.durations.length - byRunner}`,
  );
  const reported =
    settings.junit.length > 0 ? await results(outcome.reports, input, read, measured) : undefined;
  const passed =
    reported && !reported.error && outcome.reports.length > 0
      ? new Set(local.filter((r) => r.outcome === "passed").map((r) => r.test_path))
      : undefined;
  const coverage = await runCoverage({
    commitSha: plan.head,
    workspace: settings.workspace,
    dir: coverageDir,
    passed,
    exitCode: outcome.exitCode,
    log: input.log,
  });
  await sendCoverage(input, coverage);
  const flaky = await jobFlaky({
    reports: read.cases,
    coverageDir,
    workspace: settings.workspace,
    known: input.state.flaky,
    quarantine: plan.quarantineFlaky && plan.decidedBy !== "service",
    log: input.log,
  });
  if (reported && flaky.flaky.length + flaky.quarantined.length > 0) {
    Object.assign(reported, {
      ...(flaky.flaky.length > 0 ? { flaky: flaky.flaky } : {}),
      ...(flaky.quarantined.length > 0 ? { quarantined: flaky.quarantined } : {}),
    });
  }
  const saved = await saveRun(input.state, {
    durations: measured.durations,
    records: coverage.records,
    flaky: flaky.flaky,
    commit: plan.head,
    now: new Date(),
  }).catch((error: unknown) => {
    input.annotate({ level: "warning", message: `.git/superplane/ not updated: ${message(error)}` });
    return undefined;
  });
  if (saved && saved.timed + saved.covered > 0) {
    input.log(
      `kept in .git/superplane/: durations of ${saved.timed} and coverage of ${saved.covered} test files`,
    );
  }
  if (plan.decidedBy !== "service" && coverage.raws > 0)
    input.log(coverageSaid(coverage, saved?.covered ?? 0, " in .git/superplane/"));
  const durations = new Map(measured.durations.map((d) => [d.test_path, d.duration_ms]));
  const stateDurations = saved
    ? new Map(Object.entries(saved.durations).map(([t, d]) => [t, d.duration_ms]))
    : known();
  // The check run annotates each failure on its file: the repository's, not the runner's folder's.
  const { failures } = read;
  return { tests, ...(reported ? { results: reported } : {}), durations, stateDurations, failures };
}
