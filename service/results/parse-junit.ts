import { JUnitError, parseJUnitResults } from "../../selector/state/junit-results.js";
import { ApiError } from "../api-error.js";
import type { TestResult } from "../storage/storage.js";

/**
 * JUnit XML to per-file results (selector/state/junit-results.ts, which the action and the CLI
 * share); a report that is not JUnit is the client's error.
 */
export function parseJUnit(xml: string): TestResult[] {
  try {
    return parseJUnitResults(xml);
  } catch (error) {
    if (error instanceof JUnitError) throw new ApiError("VALIDATION_FAILED", error.message);
    throw error;
  }
}
