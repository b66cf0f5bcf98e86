import { XMLParser } from "fast-xml-parser";

/** One failing test case of a JUnit report: what a reviewer reads first. */
export interface TestFailure {
  /** The test file, as the report names it (relative to the workspace for Vitest and jest-junit). */
  file: string;
  name: string;
  /** The failure's `message` attribute, else the first line of its text. */
  message: string;
  /** The failure's text without the runner's own stack frames, at most `MAX_DETAIL_LINES` lines. */
  details: string;
  /** Where the failing assertion is: the case's `line` attribute, else the stack frame in the file. */
  line?: number;
  column?: number;
}

type Node = Record<string, unknown>;

const MAX_DETAIL_LINES = 30;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["testsuite", "testcase", "testsuites", "failure", "error"].includes(name),
  processEntities: true,
  trimValues: false,
});

const attr = (node: Node, key: string): string | undefined => {
  const value = node[`@${key}`];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

const textOf = (node: unknown): string => {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "#text" in node) return String((node as Node)["#text"]);
  return "";
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The first stack frame in `file` (`❯ test/a.test.ts:6:21` from Vitest, `at … (/abs/test/a.test.js:4:21)`
 * from Jest): a path equal to the file or ending in `/file`, then the line and column.
 */
export function frameIn(file: string, body: string): { line: number; column?: number } | undefined {
  const path = escapeRegExp(file.replace(/^\.\//, ""));
  const frame = new RegExp(`(?:^|[\\s(/])(?:\\./)?${path}:(\\d+)(?::(\\d+))?`, "m");
  const match = frame.exec(body);
  if (!match) return undefined;
  return { line: Number(match[1]), ...(match[2] ? { column: Number(match[2]) } : {}) };
}

/** The failure text a person reads: the runner's frames (node_modules, node internals) left out. */
function detailsOf(body: string): string {
  const lines = body
    .replace(/\r\n/g, "\n")
    .split("\n")
    .filter((line) => !/^\s*at .*(node_modules|node:internal|<anonymous>)/.test(line))
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length));
  const kept = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  return kept.length > MAX_DETAIL_LINES
    ? [...kept.slice(0, MAX_DETAIL_LINES), `… ${kept.length - MAX_DETAIL_LINES} more lines`].join("\n")
    : kept.join("\n");
}

function failureOf(testcase: Node, file: string): TestFailure | undefined {
  const nodes = [...((testcase.failure as unknown[]) ?? []), ...((testcase.error as unknown[]) ?? [])];
  if (nodes.length === 0) return undefined;
  const first = nodes[0];
  const body = textOf(first);
  const node = first && typeof first === "object" ? (first as Node) : {};
  const details = detailsOf(body);
  const message = attr(node, "message") ?? details.split("\n").find((l) => l.trim() !== "") ?? "failed";
  const lineAttr = Number(attr(testcase, "line"));
  const where = Number.isInteger(lineAttr) && lineAttr > 0 ? { line: lineAttr } : frameIn(file, body);
  return { file, name: (attr(testcase, "name") ?? "").trim(), message: message.trim(), details, ...where };
}

function collect(suite: Node, inheritedFile: string | undefined, out: TestFailure[]): void {
  const suiteFile = attr(suite, "file") ?? inheritedFile;
  for (const testcase of (suite.testcase as Node[] | undefined) ?? []) {
    const file = attr(testcase, "file") ?? suiteFile ?? attr(testcase, "classname") ?? attr(suite, "name");
    const failure = file ? failureOf(testcase, file) : undefined;
    if (failure) out.push(failure);
  }
  for (const child of (suite.testsuite as Node[] | undefined) ?? []) collect(child, suiteFile, out);
}

/**
 * The failing cases of a JUnit report with their messages and locations. A report that is not
 * JUnit gives none: `parseJUnitResults` already warned about it.
 */
export function junitFailures(xml: string): TestFailure[] {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    return [];
  }
  const out: TestFailure[] = [];
  for (const root of (doc.testsuites as Node[] | undefined) ?? []) collect(root, undefined, out);
  for (const suite of (doc.testsuite as Node[] | undefined) ?? [])
    collect({ testsuite: [suite] }, undefined, out);
  return out;
}
