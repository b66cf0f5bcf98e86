import { type CaseFailure, frameIn } from "../../selector/state/junit-failure.js";
import { parseJUnitCases } from "../../selector/state/junit-results.js";

export { frameIn };

/** One failing test case of a JUnit report: what a reviewer reads first. */
export interface TestFailure extends CaseFailure {
  /** The test file, as the report names it (relative to the workspace for Vitest and jest-junit). */
  file: string;
}

/**
 * The failing cases of a JUnit report with their messages and locations, read by the one walker
 * that also gives the per-file results. A report that is not JUnit gives none: `parseJUnitResults`
 * already warned about it.
 */
export function junitFailures(xml: string): TestFailure[] {
  let cases: ReturnType<typeof parseJUnitCases>;
  try {
    cases = parseJUnitCases(xml);
  } catch {
    return [];
  }
  return cases.flatMap((c) => (c.failure ? [{ file: c.file, ...c.failure }] : []));
}
