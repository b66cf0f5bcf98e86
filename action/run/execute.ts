import { rm } from "node:fs/promises";
import { join } from "node:path";
import { vitestCoverageReporter } from "../coverage/reporter-path.js";
import { uploadCoverage } from "../coverage/upload-coverage.js";
import type { ResultsOutcome, TestsOutcome } from "../report/summary-markdown.js";
import type { Note, Plan } from "../select/plan.js";
import type { ServiceApi } from "../service/service-api.js";
import { ServiceError } from "../service/service-error.js";
import type { Settings } from "../settings.js";
import { quote } from "./command-template.js";
import type { Report } from "./junit-reports.js";
import { runTests } from "./run-tests.js";

export interface ExecuteInput {
  settings: Settings;
  plan: Plan;
  service: ServiceApi | undefined;
  tempDir: string;
  log: (line: string) => void;
  annotate: (note: Note) => void;
}

export interface Executed {
  tests: TestsOutcome;
  results?: ResultsOutcome;
  /** Durations of the tests that ran, as the service recorded them. */
  durations: Map<string, number>;
}

async function sendReports(
  reports: Report[],
  input: ExecuteInput,
  durations: Map<string, number>,
  passed: Set<string>,
): Promise<ResultsOutcome> {
  const { plan, service, settings } = input;
  if (reports.length === 0) {
    const error = `no JUnit report matched ${settings.junit.join(", ")}`;
    input.annotate({ level: "warning", message: `${error}: the service cannot learn from this run` });
    return { reports: 0, error };
  }
  if (!service || !plan.runId)
    return { reports: reports.length, error: "there is no run to report to (the service was not used)" };
  let status: string | undefined;
  for (const report of reports) {
    try {
      const run = await service.reportJUnit(plan.runId, report.xml);
      status = run.status;
      for (const result of run.results) {
        durations.set(result.test_path, result.duration_ms);
        if (result.outcome === "passed") passed.add(result.test_path);
        else passed.delete(result.test_path);
      }
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const message = `${report.path}: ${error.message}`;
      input.annotate({ level: "warning", message: `test results not reported: ${message}` });
      return { reports: reports.length, error: message };
    }
  }
  input.log(`reported ${reports.length} JUnit report(s) to run ${plan.runId}: ${status}`);
  return { reports: reports.length, ...(status ? { status } : {}) };
}

/** `{coverage}` in the run command: the collector's Vitest reporter (dist/coverage/). */
export function withCoverageReporter(template: string, reporter: () => string): string {
  if (!template.includes("{coverage}")) return template;
  return template.replaceAll(
    "{coverage}",
    `--reporter=${quote(reporter(), process.platform === "win32" ? "cmd" : "posix")}`,
  );
}

/** Stores what the collector recorded; a failure is a warning: the tests ran and were reported. */
async function sendCoverage(
  input: ExecuteInput,
  dir: string,
  passed: Set<string> | undefined,
  exitCode: number,
): Promise<void> {
  const { plan, service, settings } = input;
  if (!service || !plan.repoId) return;
  try {
    const said = await uploadCoverage({
      service,
      repoId: plan.repoId,
      commitSha: plan.head,
      workspace: settings.workspace,
      dir,
      passed,
      exitCode,
      log: input.log,
    });
    input.log(said);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    input.annotate({ level: "warning", message: `coverage not stored: ${message}` });
  }
}

/**
 * Runs the `run` command for the selected tests (all of them in a full run) and reports the
 * JUnit results to the run, then the coverage the collector recorded (`{coverage}`). No command,
 * or nothing selected: nothing runs, and the summary says so.
 */
export async function executeTests(input: ExecuteInput): Promise<Executed> {
  const { settings, plan } = input;
  const durations = new Map<string, number>();
  if (!settings.run) return { tests: { state: "not-run" }, durations };
  if (plan.selected.length === 0) {
    input.log("no test needed running for this change: the command did not run");
    return { tests: { state: "nothing-to-run" }, durations };
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
  if (settings.junit.length === 0) {
    await sendCoverage(input, coverageDir, undefined, outcome.exitCode);
    return { tests, durations };
  }
  const passed = new Set<string>();
  const results = await sendReports(outcome.reports, input, durations, passed);
  await sendCoverage(input, coverageDir, results.error ? undefined : passed, outcome.exitCode);
  return { tests, results, durations };
}
