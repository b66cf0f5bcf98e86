import { describeTimeSaved, estimateTimeSaved } from "../action/report/time-saved.js";
import { UNREACHED_REASON } from "../selector/select/decide.js";
import type { SelectionResult } from "../selector/select/types.js";
import type { FlakyMark } from "../selector/state/flaky-store.js";

/** A selected test marked flaky in `.git/superplane/`. */
export type KnownFlaky = FlakyMark & { test_path: string };

const pct = (value: number) => `${Math.round(value * 100)}%`;

/** The selection for people: what runs, why, what was skipped, and anything that needs a look. */
export function formatText(
  result: SelectionResult,
  context: {
    base?: string;
    head?: string;
    durations?: ReadonlyMap<string, number>;
    knownFlaky?: readonly KnownFlaky[];
  } = {},
): string {
  const lines: string[] = [];
  const range = context.base && context.head ? ` (${context.base}..${context.head})` : "";
  lines.push(`SuperPlane: ${result.tests_selected} of ${result.tests_total} tests selected${range}`);
  if (result.mode === "full") lines.push(`Full run: ${result.full_reason}`);
  lines.push(
    `Changed files: ${result.changed_files.length}; threshold ${result.confidence_threshold}; granularity ${result.granularity}`,
  );
  const selected = result.decisions.filter((d) => d.selected);
  if (selected.length > 0 && result.mode === "selective") {
    lines.push("", "Selected:");
    for (const d of [...selected].sort((a, b) => b.confidence - a.confidence)) {
      lines.push(`  ${d.test_path}  ${pct(d.confidence)}`);
      for (const reason of d.reasons) lines.push(`      ${reason}`);
    }
  }
  const skipped = result.decisions.filter((d) => !d.selected);
  const reached = skipped.filter((d) => d.reasons[0] !== UNREACHED_REASON);
  if (reached.length > 0) {
    lines.push("", "Skipped, though the change reaches them:");
    for (const d of reached) {
      lines.push(`  ${d.test_path}  ${pct(d.confidence)}`);
      for (const reason of d.reasons) lines.push(`      ${reason}`);
    }
  }
  const unreached = skipped.length - reached.length;
  if (unreached > 0) lines.push("", `Skipped: ${unreached} test(s) with no import path from the change.`);
  const saved = context.durations?.size
    ? describeTimeSaved(
        estimateTimeSaved(
          skipped.map((d) => d.test_path),
          context.durations,
        ),
      )
    : undefined;
  if (saved !== undefined) lines.push(`Estimated time saved: ${saved}, from .git/superplane/`);
  if (context.knownFlaky?.length) {
    lines.push(
      "",
      "Selected, known flaky (failed and passed on one commit; a failure may not be this change's):",
    );
    for (const f of context.knownFlaky) {
      const last = f.commits.at(-1)?.slice(0, 12);
      lines.push(`  ${f.test_path}  on ${f.commits.length} commit(s), last ${last} at ${f.last_seen_at}`);
    }
  }
  if (result.deleted_tests.length > 0)
    lines.push("", `Deleted tests (not run): ${result.deleted_tests.join(", ")}`);
  if (result.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const w of result.warnings) {
      const where = w.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : "";
      lines.push(`  ${where}${w.message}`);
    }
  }
  const t = result.timings;
  lines.push(
    "",
    `Took ${t.total_ms} ms (${t.files} files, ${t.sources_parsed} parsed, ${t.cache_hits} from cache).`,
  );
  return `${lines.join("\n")}\n`;
}

/** One selected path per line, to feed a test runner. */
export function formatList(result: SelectionResult): string {
  const paths = result.decisions.filter((d) => d.selected).map((d) => d.test_path);
  return paths.length > 0 ? `${paths.join("\n")}\n` : "";
}
