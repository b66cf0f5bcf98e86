import { mapResultPath, TestIndex } from "../../selector/state/map-result-paths.js";
import type { RunDetail, TestResult } from "../storage/storage.js";

export interface ResultWarning {
  code: "UNKNOWN_TEST" | "REMAPPED" | "UNMAPPED";
  test_path: string;
  message: string;
}

/**
 * Each result against the run's tests (its decisions: every test of the repository at the
 * commit). A path that names one of them is kept; a package-relative path that names exactly one
 * (selected tests first) is stored as that test, and the answer says so; anything else is stored
 * as given, with a warning in the answer: a result is never dropped (a failure must still fail the
 * run), and never matched silently.
 */
export function matchTests(
  run: Pick<RunDetail, "decisions">,
  results: TestResult[],
): { results: TestResult[]; warnings: ResultWarning[] } {
  const tests = run.decisions.map((d) => d.test_path);
  const index = new TestIndex(tests);
  const selected = new Set(run.decisions.filter((d) => d.selected).map((d) => d.test_path));
  const given = new Set(results.map((r) => r.test_path));
  const warnings: ResultWarning[] = [];
  const matched = results.map((result) => {
    if (index.has(result.test_path)) return result;
    const mapped = mapResultPath(result.test_path, index, { tests, selected });
    if ("path" in mapped && !given.has(mapped.path)) {
      given.add(mapped.path);
      warnings.push({
        code: "REMAPPED",
        test_path: result.test_path,
        message: `"${result.test_path}" is not a repository path; stored as ${mapped.path}, the only test of the run it names`,
      });
      return { ...result, test_path: mapped.path };
    }
    const reason = "unmapped" in mapped ? mapped.reason : `${mapped.path} is reported too`;
    warnings.push({
      code: "UNKNOWN_TEST",
      test_path: result.test_path,
      message: `"${result.test_path}" is no test of this run (${reason}); stored as given`,
    });
    return result;
  });
  return { results: matched, warnings };
}

/** What the reporter could not map: a warning each, and the failures among them fail the run. */
export function unmappedWarnings(unmapped: readonly (TestResult & { reason?: string })[]): ResultWarning[] {
  return unmapped.map((result) => ({
    code: "UNMAPPED" as const,
    test_path: result.test_path,
    message: `"${result.test_path}" (${result.outcome}) maps to no test of the repository${result.reason ? ` (${result.reason})` : ""}: not stored as any test's result${result.outcome === "failed" ? ", and the run fails" : ""}`,
  }));
}
