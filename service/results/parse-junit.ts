import { MAX_INT32 } from "../../contract/common.js";
import { JUnitError, parseJUnitResults } from "../../selector/state/junit-results.js";
import { ApiError } from "../api-error.js";
import type { TestResult } from "../storage/storage.js";

/** Deeper than any report (suites in suites, a case, its failure); far below the parser's stack. */
export const MAX_XML_DEPTH = 100;
/** As `RepoPath` allows in JSON results. */
export const MAX_TEST_PATH = 1024;

/** Comments, CDATA and processing instructions are skipped; a tag's quoted attributes may hold `>`. */
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

function nestedDeeperThan(xml: string, limit: number): boolean {
  let depth = 0;
  for (const match of xml.matchAll(TOKEN)) {
    if (match[1] === "/") depth--;
    else if (match[1] === "" && match[2] === "" && ++depth > limit) return true;
  }
  return false;
}

const invalid = (message: string) => new ApiError("VALIDATION_FAILED", message);

/**
 * JUnit XML to per-file results (selector/state/junit-results.ts, which the action and the CLI
 * share); a report that is not JUnit is the client's error. From a client the XML is refused
 * before the parser sees it when it declares entities (no report needs them; expanding them is a
 * classic way to exhaust memory) or nests deeper than any report, and the results are held to the
 * limits JSON results have.
 */
export function parseJUnit(xml: string): TestResult[] {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw invalid("JUnit XML must not declare a DOCTYPE or entities");
  if (nestedDeeperThan(xml, MAX_XML_DEPTH)) {
    throw invalid(`JUnit XML is nested deeper than ${MAX_XML_DEPTH} elements`);
  }
  let results: TestResult[];
  try {
    results = parseJUnitResults(xml);
  } catch (error) {
    if (error instanceof JUnitError) throw invalid(error.message);
    throw error;
  }
  for (const { test_path, duration_ms } of results) {
    if (duration_ms > MAX_INT32) {
      throw invalid(
        `JUnit: ${JSON.stringify(test_path.slice(0, 80))} took ${duration_ms} ms (at most ${MAX_INT32})`,
      );
    }
    if (test_path.length > MAX_TEST_PATH) {
      throw invalid(
        `JUnit: test file name of ${test_path.length} characters (at most ${MAX_TEST_PATH}): ${JSON.stringify(test_path.slice(0, 80))}…`,
      );
    }
    if (test_path.includes("\u0000")) throw invalid("JUnit: a test file name contains a NUL character");
  }
  return results;
}
