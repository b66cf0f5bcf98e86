import { UNREACHED_REASON } from "../../selector/select/decide.js";
import type { Decision } from "../../selector/select/types.js";
import type { Note, Plan } from "../select/plan.js";
import { formatDuration } from "./time-saved.js";

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
  /** Undefined: no durations recorded yet. */
  savedMs?: number;
}

/** GitHub's limits: a check run's summary and a job summary. */
export const CHECK_RUN_LIMIT = 65_535;
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

export function headline(plan: Plan): string {
  const total = plan.decisions.length;
  if (plan.mode === "full") return `full run: all ${total} tests`;
  if (plan.selected.length === 0) return `no tests needed to run (0 of ${total} selected)`;
  return `${plan.selected.length} of ${total} tests selected`;
}

const cell = (text: string) => text.replace(/\s*\n\s*/g, " ").replaceAll("|", "\\|");
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
  return tests.state === "passed"
    ? `✅ passed${batches}`
    : `❌ failed${batches} (the command exited ${tests.exitCode})`;
}

function savedText(savedMs: number | undefined, skipped: number): string {
  if (skipped === 0) return "none: nothing was skipped";
  if (savedMs === undefined) return "unknown until a run reports test durations";
  return `${formatDuration(savedMs)} (${skipped} skipped tests at their last recorded durations)`;
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
    ["Estimated time saved", savedText(view.savedMs, skipped)],
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
  rows.push(["Run", plan.runId ? code(plan.runId) : "none (decided here, without the service)"]);
  if (plan.deletedTests.length > 0)
    rows.push(["Deleted tests (not run)", plan.deletedTests.map(code).join(", ")]);
  return ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`), ""];
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

/** The summary, for the job summary and the check run alike, within `limit` bytes. */
export function renderSummary(view: SummaryView, limit: number): string {
  const top = [
    `## SuperPlane: ${headline(view.plan)}`,
    "",
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
