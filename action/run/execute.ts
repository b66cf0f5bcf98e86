import { rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type FileDuration,
  fileDurations,
  readFileTimes,
  resultsToSend,
} from "../../selector/state/file-times.js";
import {
  type FileResult,
  fileResults,
  type JUnitCase,
  parseJUnitCases,
} from "../../selector/state/junit-results.js";
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
import { commandWallMs, fillFromBatches } from "./batch-times.js";
import { quote } from "./command-template.js";
import { junitFailures, type TestFailure } from "./junit-failures.js";
import type { Report } from "./junit-reports.js";
import { runTests } from "./run-tests.js";

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

/** Each report's cases; a report that is not JUnit is a warning and counts nothing. */
function readCases(reports: Report[], annotate: (note: Note) => void): JUnitCase[][] {
  return reports.map((report) => {
    try {
      return parseJUnitCases(report.xml);
    } catch (error) {
      annotate({ level: "warning", message: `${report.path}: ${message(error)}` });
      return [];
    }
  });
}

/** What the run measured: the reports' results, each file's duration, the command's wall time. */
interface Measured {
  local: FileResult[];
  durations: FileDuration[];
  wallMs: number;
}

/**
 * The reports' results, read here, go to the run in one request with each file's measured duration
 * (JUnit's case times leave out set-up and import) and the command's wall time.
 */
async function sendResults(
  reports: Report[],
  input: ExecuteInput,
  runId: string,
  measured: Measured,
): Promise<ResultsOutcome> {
  try {
    const results = resultsToSend(measured.local, measured.durations);
    const { status } = await input.service!.reportResults(runId, { results, duration_ms: measured.wallMs });
    input.log(
      `reported ${results.length} test files of ${reports.length} JUnit report(s) to run ${runId}: ${status}`,
    );
    return { reports: reports.length, status };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    input.annotate({ level: "warning", message: `test results not reported: ${error.message}` });
    return { reports: reports.length, error: error.message };
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
async function results(reports: Report[], input: ExecuteInput, measured: Measured): Promise<ResultsOutcome> {
  const { plan, service, settings } = input;
  if (reports.length === 0) {
    const error = `no JUnit report matched ${settings.junit.join(", ")}`;
    input.annotate({ level: "warning", message: `${error}: no test durations were measured` });
    return { reports: 0, error };
  }
  if (service && plan.runId) return sendResults(reports, input, plan.runId, measured);
  return { reports: reports.length, kept: measured.durations.length };
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
  if (plan.selected.length === 0) {
    input.log("no test needed running for this change: the command did not run");
    return {
      tests: { state: "nothing-to-run" },
      durations: new Map(),
      stateDurations: known(),
      failures: [],
    };
  }
  const coverageDir = join(input.tempDir, "superplane-coverage");
  await rm(coverageDir, { recursive: true, force: true });
  const outcome = await runTests({
    template: withCoverageReporter(settings.run, vitestCoverageReporter),
    tests: plan.selected,
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
  const cases = readCases(outcome.reports, input.annotate);
  const local: FileResult[] = cases.flatMap(fileResults);
  const times = await readFileTimes(coverageDir, settings.workspace, input.log);
  const measured: Measured = {
    local,
    durations: fillFromBatches(fileDurations(local, times), outcome.times),
    wallMs: commandWallMs(outcome.times),
  };
  const byRunner = measured.durations.filter((d) => d.source === "runner").length;
  input.log(
    `the command took ${measured.wallMs} ms; test files timed by the runner: ${byRunner}, by their reports and the batch's wall time: ${measured.durations.length - byRunner}`,
  );
  const reported = settings.junit.length > 0 ? await results(outcome.reports, input, measured) : undefined;
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
    reports: cases,
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
  const failures = outcome.reports.flatMap((report) => junitFailures(report.xml));
  return { tests, ...(reported ? { results: reported } : {}), durations, stateDurations, failures };
}
