import { XMLParser, XMLValidator } from "fast-xml-parser";

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
  isArray: (name) => ["testsuite", "testcase", "testsuites"].includes(name),
  processEntities: true,
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
}

const text = (node: Node, key: string): string | undefined => {
  const value = node[`@${key}`];
  return typeof value === "string" && value !== "" ? value : undefined;
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
    out.push({
      file,
      name: `${text(testcase, "classname") ?? ""}\0${text(testcase, "name") ?? ""}`,
      outcome,
      ms: secondsToMs(text(testcase, "time")),
      passedOnRetry: outcome === "passed" && ("flakyFailure" in testcase || "flakyError" in testcase),
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
  for (const c of cases) {
    if (c.suiteMs !== undefined) suiteMs.set(c.file, (suiteMs.get(c.file) ?? 0) + c.suiteMs);
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
  }
  return [...byFile.values()];
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
