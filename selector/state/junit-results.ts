import { XMLParser, XMLValidator } from "fast-xml-parser";
import { type CaseFailure, caseFailure } from "./junit-failure.js";

export type JUnitOutcome = "passed" | "failed" | "skipped";

/** One test file's result in a JUnit report. */
export interface FileResult {
  test_path: string;
  outcome: JUnitOutcome;
  /**
   * What the report says the file took: its suite's `time` when that is larger than the sum of
   * its cases' (jest-junit writes Jest's whole file time there: set-up files, transform, import
   * and tests), else the cases' sum (Vitest's suite time is its tests' alone).
   */
  duration_ms: number;
  /** A failed file's first failure, "<test>: <message>", with how many more of its tests failed. */
  message?: string;
}

/** The report is not JUnit XML; the message says where. */
export class JUnitError extends Error {
  override name = "JUnitError";
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // One element or many, the walk below always sees a list.
  isArray: (name) => ["testsuite", "testcase", "testsuites", "failure", "error"].includes(name),
  processEntities: true,
  // A failure's text keeps its layout (diffs, stacks); attributes are trimmed where they are read.
  trimValues: false,
});

/** One testcase element, in document order. */
export interface JUnitCase {
  file: string;
  /** The case's classname and name: the same test reported again (a retry) has the same. */
  name: string;
  outcome: JUnitOutcome;
  ms: number;
  /** Passed after failing first: Maven Surefire's `flakyFailure`/`flakyError` in a passing case. */
  passedOnRetry: boolean;
  /** On the first case of a suite whose cases are all in one file: the suite's own `time`. */
  suiteMs?: number;
  /** What a failed case says. */
  failure?: CaseFailure;
}

const text = (node: Node, key: string): string | undefined => {
  const value = node[`@${key}`];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

function outcomeOf(testcase: Node): JUnitOutcome {
  if ("failure" in testcase || "error" in testcase) return "failed";
  if ("skipped" in testcase) return "skipped";
  return "passed";
}

function secondsToMs(value: string | undefined): number {
  const seconds = Number(value ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}

/** Nested suites inherit the nearest `file` attribute; a case's own `file` or `classname` wins. */
function collect(suite: Node, inheritedFile: string | undefined, out: JUnitCase[]): void {
  const suiteFile = text(suite, "file") ?? inheritedFile;
  const first = out.length;
  for (const testcase of (suite.testcase as Node[] | undefined) ?? []) {
    const file = text(testcase, "file") ?? suiteFile ?? text(testcase, "classname") ?? text(suite, "name");
    if (!file) throw new JUnitError("JUnit: a testcase names no file or classname");
    const outcome = outcomeOf(testcase);
    const failure = outcome === "failed" ? caseFailure(testcase, file) : undefined;
    out.push({
      file,
      name: `${text(testcase, "classname") ?? ""}\0${text(testcase, "name") ?? ""}`,
      outcome,
      ms: secondsToMs(text(testcase, "time")),
      passedOnRetry: outcome === "passed" && ("flakyFailure" in testcase || "flakyError" in testcase),
      ...(failure ? { failure } : {}),
    });
  }
  const own = out.slice(first);
  const suiteMs = secondsToMs(text(suite, "time"));
  if (own.length > 0 && suiteMs > 0 && own.every((c) => c.file === own[0]!.file)) own[0]!.suiteMs = suiteMs;
  for (const child of (suite.testsuite as Node[] | undefined) ?? []) collect(child, suiteFile, out);
}

/** One result per test file: any failed case fails it, skipped only when every case was skipped. */
export function fileResults(cases: readonly JUnitCase[]): FileResult[] {
  const byFile = new Map<string, FileResult>();
  const suiteMs = new Map<string, number>();
  const failed = new Map<string, JUnitCase[]>();
  for (const c of cases) {
    if (c.suiteMs !== undefined) suiteMs.set(c.file, (suiteMs.get(c.file) ?? 0) + c.suiteMs);
    if (c.failure) {
      const list = failed.get(c.file);
      if (list) list.push(c);
      else failed.set(c.file, [c]);
    }
    const prior = byFile.get(c.file);
    if (!prior) {
      byFile.set(c.file, { test_path: c.file, outcome: c.outcome, duration_ms: c.ms });
      continue;
    }
    prior.duration_ms += c.ms;
    if (c.outcome === "failed" || (c.outcome === "passed" && prior.outcome === "skipped")) {
      prior.outcome = c.outcome;
    }
  }
  for (const result of byFile.values()) {
    result.duration_ms = Math.max(result.duration_ms, suiteMs.get(result.test_path) ?? 0);
    const message = failureMessage(failed.get(result.test_path) ?? []);
    if (result.outcome === "failed" && message) result.message = message;
  }
  return [...byFile.values()];
}

/** The longest failure message kept per file: what the service stores and the run page shows. */
export const MAX_FAILURE_MESSAGE = 4096;

/** "<test>: <message>" of a file's first failing case, and how many others failed. */
function failureMessage(failed: readonly JUnitCase[]): string | undefined {
  const first = failed[0]?.failure;
  if (!first) return undefined;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more failing)` : "";
  const head = first.name ? `${first.name}: ${first.message}` : first.message;
  const room = MAX_FAILURE_MESSAGE - more.length;
  return (head.length > room ? `${head.slice(0, room - 1)}…` : head) + more;
}

/**
 * JUnit XML (Vitest, Jest, pytest, Maven Surefire flavours) to per-file results: what the service
 * stores for a run, and what `.git/superplane/` keeps when there is no service.
 */
export function parseJUnitResults(xml: string): FileResult[] {
  return fileResults(parseJUnitCases(xml));
}

/** Every testcase of a report, in document order. */
export function parseJUnitCases(xml: string): JUnitCase[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, msg } = valid.err;
    throw new JUnitError(`JUnit XML is not well-formed: line ${line}: ${msg.replace(/\s+/g, " ")}`);
  }
  const doc = parser.parse(xml) as Node;
  const roots = [
    ...((doc.testsuites as Node[] | undefined) ?? []),
    ...((doc.testsuite as Node[] | undefined) ?? []).map((suite) => ({ testsuite: [suite] })),
  ];
  if (roots.length === 0) {
    throw new JUnitError("JUnit XML must have a <testsuites> or <testsuite> root");
  }
  const cases: JUnitCase[] = [];
  for (const root of roots) collect(typeof root === "object" && root ? root : {}, undefined, cases);
  return cases;
}
