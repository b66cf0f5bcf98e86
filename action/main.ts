import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { useParserBackend } from "../selector/extract/parser.js";
import { changeRange } from "./event/change-range.js";
import { type GithubContext, readGithubContext } from "./event/github-context.js";
import { type GithubApi, githubApi } from "./github/github-api.js";
import { parserFiles } from "./parser-files.js";
import { abandonCheckRun, type CheckRun, finishCheckRun, startCheckRun } from "./report/check-run.js";
import { outputsOf } from "./report/outputs.js";
import {
  failuresLine,
  JOB_SUMMARY_LIMIT,
  renderSummary,
  type SummaryView,
} from "./report/summary-markdown.js";
import { estimateTimeSaved, type TimeSaved } from "./report/time-saved.js";
import { type Executed, executeTests } from "./run/execute.js";
import type { TestFailure } from "./run/junit-failures.js";
import type { Note, Plan } from "./select/plan.js";
import { selectTests } from "./select/select-tests.js";
import { HttpClient } from "./service/http-client.js";
import { jobAttempt } from "./service/idempotency-key.js";
import { ServiceApi } from "./service/service-api.js";
import { readSettings, type Settings } from "./settings.js";
import { loadLocalState } from "./state/local-state.js";

/** The tests failed: the step fails, after everything was reported. */
export class TestsFailed extends Error {
  override name = "TestsFailed";
}

const inputFrom = (env: NodeJS.ProcessEnv) => (name: string) =>
  env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";

function annotate(note: Note): void {
  const properties = {
    title: "SuperPlane",
    ...(note.file ? { file: note.file } : {}),
    ...(note.line ? { startLine: note.line } : {}),
    ...(note.column ? { startColumn: note.column } : {}),
  };
  const emit = { error: core.error, warning: core.warning, notice: core.notice }[note.level];
  emit(note.message, properties);
}

async function publishSelection(plan: Plan, context: GithubContext): Promise<void> {
  const testsFile = join(context.tempDir, "superplane-tests.txt");
  await writeFile(testsFile, plan.selected.map((t) => `${t}\n`).join(""));
  for (const [name, value] of Object.entries(outputsOf(plan, testsFile))) core.setOutput(name, value);
}

/**
 * Skipped tests priced at their last durations: the service's history when it decided, then what
 * `.git/superplane/` measured (the only source without a service), then this run's own.
 */
async function timeSaved(
  plan: Plan,
  service: ServiceApi | undefined,
  executed: Executed,
): Promise<TimeSaved> {
  const skipped = plan.decisions.filter((d) => !d.selected).map((d) => d.test_path);
  const durations = new Map<string, number>();
  if (service && plan.repoId && skipped.length > 0) {
    // An estimate only: a service that cannot answer leaves it to the local measurements.
    const history = await service.lastDurations(plan.repoId).catch(() => new Map<string, number>());
    for (const [test, ms] of history) durations.set(test, ms);
  }
  for (const source of [executed.stateDurations, executed.durations]) {
    for (const [test, ms] of source) if (!durations.has(test)) durations.set(test, ms);
  }
  return estimateTimeSaved(skipped, durations);
}

/** Each failing test at its line, through the workflow log: when the check run could not take them. */
function annotateFailures(failures: readonly TestFailure[]): void {
  for (const failure of failures) {
    core.error(failure.details || failure.message, {
      title: failure.name || failure.file,
      file: failure.file,
      ...(failure.line ? { startLine: failure.line } : {}),
      ...(failure.column ? { startColumn: failure.column } : {}),
    });
  }
}

/** The check run, if the job may write one, created in progress before selection starts. */
async function openCheck(
  github: GithubApi | undefined,
  reportSha: string,
): Promise<{ check?: CheckRun; note?: Note }> {
  return github ? startCheckRun(github, reportSha) : {};
}

async function report(
  view: SummaryView,
  github: GithubApi | undefined,
  reportSha: string,
  check: CheckRun | undefined,
): Promise<void> {
  const finished = github && check ? await finishCheckRun(github, reportSha, check, view) : undefined;
  if (finished?.note) {
    annotate(finished.note);
    view.plan.notes.push(finished.note);
  }
  if (!finished?.annotated) annotateFailures(view.failures ?? []);
  try {
    await core.summary.addRaw(renderSummary(view, JOB_SUMMARY_LIMIT)).write();
  } catch (error) {
    core.warning(`the job summary could not be written: ${error instanceof Error ? error.message : error}`);
  }
}

async function act(settings: Settings, context: GithubContext): Promise<void> {
  const started = performance.now();
  await useParserBackend(parserFiles());
  const github = settings.githubToken
    ? githubApi(settings.githubToken, context.apiUrl, context.repository)
    : undefined;
  const http =
    settings.apiUrl && settings.token
      ? new HttpClient({ baseUrl: settings.apiUrl, token: settings.token, log: core.info })
      : undefined;
  const service = http ? new ServiceApi(http, jobAttempt(process.env)) : undefined;
  let check: CheckRun | undefined;
  try {
    const range = changeRange(settings, context);
    const opened = await openCheck(github, range.reportSha);
    check = opened.check;
    const state = await loadLocalState(settings.workspace);
    const plan = await core.group("SuperPlane: select tests", () =>
      selectTests({
        settings,
        range,
        github,
        service,
        repository: context.repository,
        origin: context.origin,
        ...(context.queuedRunId ? { queuedRunId: context.queuedRunId } : {}),
        state,
        log: core.info,
      }),
    );
    if (opened.note) plan.notes.push(opened.note);
    // A cache file that could not be read is rebuilt; the selection did not use it.
    plan.notes.push(...state.warnings.map((message) => ({ level: "warning" as const, message })));
    plan.notes.forEach(annotate);
    await publishSelection(plan, context);
    core.info(
      `selected ${plan.selected.length} of ${plan.decisions.length} tests (${plan.mode}) in ${Math.round(performance.now() - started)} ms`,
    );
    const executed = await executeTests({
      settings,
      plan,
      service,
      state,
      tempDir: context.tempDir,
      log: core.info,
      annotate,
    });
    const saved = await timeSaved(plan, service, executed);
    const view: SummaryView = {
      plan,
      tests: executed.tests,
      ...(executed.results ? { results: executed.results } : {}),
      saved,
      failures: executed.failures,
    };
    await report(view, github, range.reportSha, check);
    check = undefined;
    if (executed.tests.state === "failed") {
      const which = failuresLine(executed.failures);
      throw new TestsFailed(
        `tests failed: ${which ? `${which}; ` : ""}the command exited ${executed.tests.exitCode} (see the log above)`,
      );
    }
  } catch (error) {
    // Failed before the report: the check says so rather than staying in progress.
    if (github && check)
      await abandonCheckRun(github, check, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await http?.close();
  }
}

/** The action: inputs and context first, then the work; the one place that fails the step. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = readSettings(inputFrom(env), env);
    const context = readGithubContext(env, tmpdir());
    await act(settings, context);
  } catch (error) {
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
