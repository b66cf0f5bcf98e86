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

interface Case {
  file: string;
  outcome: JUnitOutcome;
  ms: number;
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

interface Collected {
  cases: Case[];
  /** A suite's own time, for the one file all its cases are in. */
  suiteMs: Map<string, number>;
}

/** Nested suites inherit the nearest `file` attribute; a case's own `file` or `classname` wins. */
function collect(suite: Node, inheritedFile: string | undefined, out: Collected): void {
  const suiteFile = text(suite, "file") ?? inheritedFile;
  const files = new Set<string>();
  for (const testcase of (suite.testcase as Node[] | undefined) ?? []) {
    const file = text(testcase, "file") ?? suiteFile ?? text(testcase, "classname") ?? text(suite, "name");
    if (!file) throw new JUnitError("JUnit: a testcase names no file or classname");
    files.add(file);
    out.cases.push({ file, outcome: outcomeOf(testcase), ms: secondsToMs(text(testcase, "time")) });
  }
  const [only] = files;
  if (only !== undefined && files.size === 1) {
    out.suiteMs.set(only, (out.suiteMs.get(only) ?? 0) + secondsToMs(text(suite, "time")));
  }
  for (const child of (suite.testsuite as Node[] | undefined) ?? []) collect(child, suiteFile, out);
}

/** One result per test file: any failed case fails it, skipped only when every case was skipped. */
function aggregate({ cases, suiteMs }: Collected): FileResult[] {
  const byFile = new Map<string, FileResult>();
  for (const c of cases) {
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
  const collected: Collected = { cases: [], suiteMs: new Map() };
  for (const root of roots) collect(typeof root === "object" && root ? root : {}, undefined, collected);
  return aggregate(collected);
}
