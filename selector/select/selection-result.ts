import type { Decision, SelectionResult } from "./types.js";

export interface SelectionParts {
  decisions: Decision[];
  threshold: number;
  granularity: SelectionResult["granularity"];
  /** Why every test runs; absent for a selective run. */
  fullReason?: string | undefined;
  deletedTests: string[];
  changedFiles: SelectionResult["changed_files"];
  warnings: SelectionResult["warnings"];
  timings: SelectionResult["timings"];
}

/** The API's shape of a selection, the same whether the command or the service decided it. */
export function selectionResult(parts: SelectionParts): SelectionResult {
  const { decisions, fullReason } = parts;
  const result: SelectionResult = {
    mode: fullReason ? "full" : "selective",
    confidence_threshold: parts.threshold,
    granularity: parts.granularity,
    tests_selected: decisions.filter((d) => d.selected).length,
    tests_total: decisions.length,
    decisions,
    deleted_tests: parts.deletedTests,
    changed_files: parts.changedFiles,
    warnings: parts.warnings,
    timings: parts.timings,
  };
  if (fullReason) result.full_reason = fullReason;
  return result;
}
