import { UNREACHED_REASON } from "../../selector/select/decide.js";
import type { Decision } from "../../selector/select/types.js";
import type { TestFailure } from "../run/junit-failures.js";
import type { Note, Plan } from "../select/plan.js";
import { describeTimeSaved, type TimeSaved } from "./time-saved.js";

/** What happened to the tests after selection. */
export type TestsOutcome =
  | { state: "not-run" }
  | { state: "nothing-to-run" }
  | { state: "passed" | "failed"; exitCode: number; batches: number };

export interface ResultsOutcome {
  reports: number;
  /** The run's status once the results were recorded. */
  status?: string;
  error?: string;
  /** No service: how many test files' durations were kept in `.git/superplane/`. */
  kept?: number;
  /** Test files that failed and then passed in this job: marked flaky in `.git/superplane/`. */
  flaky?: string[];
  /** No service, `flaky.quarantine`: failed test files already marked flaky. */
  quarantined?: string[];
}

export interface SummaryView {
  plan: Plan;
  tests: TestsOutcome;
  results?: ResultsOutcome;
  /** The skipped files at their last measured durations; undefined when not estimated. */
  saved?: TimeSaved;
  /** Failing test cases from the JUnit reports, with messages and lines. */
  failures?: TestFailure[];
}

/** GitHub's limits: a check run's summary and a job summary. */
export const CHECK_RUN_LIMIT = 65_535;
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

export function headline(plan: Plan): string {
  const total = plan.decisions.length;
  if (plan.mode === "full") return `full run: all ${total} tests`;
  if (plan.selected.length === 0) return `no tests needed to run (0 of ${total} selected)`;
  const graph = plan.graphAlone;
  // A trained model that selects more than the graph alone costs time: say so where it is seen.
  const more =
    graph && plan.selected.length > graph.testsSelected
      ? `: ${plan.selected.length - graph.testsSelected} more than the graph alone (${graph.testsSelected})`
      : "";
  return `${plan.selected.length} of ${total} tests selected${more}`;
}

/** The failing tests' one-line story, for the step's error and the log. */
export function failuresLine(failures: readonly TestFailure[]): string | undefined {
  const [first] = failures;
  if (!first) return undefined;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  const where = first.line ? `${first.file}:${first.line}` : first.file;
  return `${where} › ${first.name}: ${first.message.split("\n")[0]}${more}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");
const cell = (text: string) => oneLine(text).replaceAll("|", "\\|");
const code = (text: string) => `\`${text.replaceAll("`", "'")}\``;

const CALLOUT: Record<Note["level"], string> = { error: "CAUTION", warning: "WARNING", notice: "NOTE" };

function callouts(notes: readonly Note[]): string[] {
  return notes.flatMap((note) => {
    const where = note.file ? `${note.file}${note.line ? `:${note.line}` : ""}: ` : "";
    const text = note.file && note.message.startsWith(note.file) ? note.message : `${where}${note.message}`;
    return [`> [!${CALLOUT[note.level]}]`, `> ${cell(text)}`, ""];
  });
}

function testsLine(view: SummaryView): string {
  const { tests } = view;
  if (tests.state === "not-run") return "not run here (no `run` input); the selection is in the step outputs";
  if (tests.state === "nothing-to-run") return "nothing needed running";
  const batches = tests.batches > 1 ? ` in ${tests.batches} batches` : "";
  if (tests.state === "passed") return `✅ passed${batches}`;
  const failing = view.failures?.length ?? 0;
  const which = failing > 0 ? `: ${failing} failing test${failing === 1 ? "" : "s"}, listed above` : "";
  return `❌ failed${batches}${which} (the command exited ${tests.exitCode})`;
}

function savedText(saved: TimeSaved | undefined, skipped: number): string {
  if (skipped === 0) return "none: nothing was skipped";
  return (saved && describeTimeSaved(saved)) ?? "unknown until a run reports test durations";
}

/** Skips only recorded coverage allowed: tests that use a changed name but ran none of it. */
function coverageRow(plan: Plan): [string, string][] {
  const cleared = plan.decisions.filter(
    (d) => !d.selected && d.reasons.some((r) => r.startsWith("coverage recorded")),
  ).length;
  if (cleared === 0) return [];
  return [
    [
      "Skipped by coverage",
      `${cleared} (they use a changed name, but their last recorded run ran none of the change)`,
    ],
  ];
}

function facts(view: SummaryView): string[] {
  const { plan } = view;
  const total = plan.decisions.length;
  const skipped = total - plan.selected.length;
  const rows: [string, string][] = [
    ["Mode", plan.mode === "full" ? `full${plan.fullReason ? `: ${plan.fullReason}` : ""}` : "selective"],
    ["Tests selected", `${plan.selected.length} of ${total} (${skipped} skipped)`],
    ["Estimated time saved", savedText(view.saved, skipped)],
    ...coverageRow(plan),
    ["Changed files", String(plan.changedFiles)],
    ["Tests", testsLine(view)],
  ];
  if (view.results) {
    const { reports, status, error, kept } = view.results;
    rows.push([
      "Results",
      error
        ? `not reported: ${error}`
        : kept !== undefined
          ? `${reports} JUnit report(s) read; durations of ${kept} test files kept in \`.git/superplane/\``
          : reports === 0 && status
            ? `nothing ran here; run ${status}`
            : `${reports} JUnit report(s) sent; run ${status ?? "recorded"}`,
    ]);
  }
  const { flaky, quarantined } = view.results ?? {};
  if (flaky?.length) rows.push(["Marked flaky (failed, then passed)", flaky.map(code).join(", ")]);
  if (quarantined?.length) {
    rows.push([
      "Failed, known flaky (quarantined)",
      `${quarantined.map(code).join(", ")}: the service would not count these against the run (\`flaky.quarantine\`); the command's exit code still decides the job`,
    ]);
  }
  const run = plan.runId ? code(plan.runId) : "none (decided here, without the service)";
  rows.push(["Run", plan.dashboardUrl && plan.runId ? `[${run}](${plan.dashboardUrl})` : run]);
  if (plan.deletedTests.length > 0)
    rows.push(["Deleted tests (not run)", plan.deletedTests.map(code).join(", ")]);
  // A list, not a two-column table: GitHub renders a table's first row as its header, and a
  // key-value table has none to give (it showed as an empty bar).
  return [...rows.map(([k, v]) => `- **${k}:** ${oneLine(v)}`), ""];
}

function row(decision: Decision): string {
  // A `|` in a path would end the cell even inside backticks: GitHub wants it escaped there too.
  return `| ${cell(code(decision.test_path))} | ${decision.confidence.toFixed(2)} | ${cell(decision.reasons.join("; "))} |`;
}

/** Adds rows while they fit in `budget` bytes, then says how many were left out. */
function table(title: string, decisions: readonly Decision[], budget: number): string[] {
  if (decisions.length === 0) return [];
  const head = [
    `### ${title} (${decisions.length})`,
    "",
    "| Test | Confidence | Reason |",
    "| --- | --- | --- |",
  ];
  const lines = [...head];
  let used = Buffer.byteLength(head.join("\n")) + 200;
  for (const [index, decision] of decisions.entries()) {
    const line = row(decision);
    used += Buffer.byteLength(line) + 1;
    if (used > budget) {
      lines.push("", `_${decisions.length - index} more not shown: GitHub limits the size of this summary._`);
      break;
    }
    lines.push(line);
  }
  return [...lines, ""];
}

/** Failing tests shown with their text; the rest are counted (the check's annotations name them all). */
const SHOWN_FAILURES = 20;

function fenced(text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}text`, text, fence];
}

/** Failing tests first: where, which, and what the runner said, within `budget` bytes. */
function failuresSection(failures: readonly TestFailure[] | undefined, budget: number): string[] {
  if (!failures || failures.length === 0) return [];
  const lines = [`### ❌ Failing tests (${failures.length})`, ""];
  let used = 0;
  let shown = 0;
  for (const failure of failures.slice(0, SHOWN_FAILURES)) {
    const where = failure.line ? `${failure.file}:${failure.line}` : failure.file;
    const entry = [
      `**${code(where)}** › ${oneLine(failure.name)}`,
      "",
      ...fenced(failure.details || failure.message),
      "",
    ];
    used += Buffer.byteLength(entry.join("\n")) + 1;
    if (used > budget) break;
    lines.push(...entry);
    shown += 1;
  }
  if (shown < failures.length) lines.push(`_${failures.length - shown} more failing tests not shown._`, "");
  return lines;
}

/** The summary, for the job summary and the check run alike, within `limit` bytes. */
export function renderSummary(view: SummaryView, limit: number): string {
  const top = [
    `## SuperPlane: ${headline(view.plan)}`,
    "",
    // Half the room at most: what ran and what was skipped must still fit.
    ...failuresSection(view.failures, limit / 2),
    ...callouts(view.plan.notes),
    ...facts(view),
  ].join("\n");
  const selected = view.plan.decisions.filter((d) => d.selected);
  let budget = limit - Buffer.byteLength(top) - 1;
  const selectedTable = table("Selected tests", selected, budget).join("\n");
  budget -= Buffer.byteLength(selectedTable) + 1;
  // Skips worth a reason: tests the change reaches that did not run (unchanged names, coverage, types).
  const reached = view.plan.decisions.filter((d) => !d.selected && d.reasons[0] !== UNREACHED_REASON);
  const skippedTable = table("Skipped tests the change reaches", reached, budget).join("\n");
  return [top, selectedTable, skippedTable].filter(Boolean).join("\n");
}
