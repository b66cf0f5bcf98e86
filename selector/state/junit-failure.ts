/**
 * What a failing JUnit case says: its message, the text a person reads, and where the assertion
 * is. The one walker (`junit-results.ts`) puts it on each case; the PR check and the service's run
 * page read it from there.
 */
export interface CaseFailure {
  /** The case's own name, as the report writes it. */
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

/** The case's first `<failure>` or `<error>`, read; undefined for a case that did not fail. */
export function caseFailure(testcase: Node, file: string): CaseFailure | undefined {
  const nodes = [...((testcase.failure as unknown[]) ?? []), ...((testcase.error as unknown[]) ?? [])];
  if (nodes.length === 0) return undefined;
  const first = nodes[0];
  const body = textOf(first);
  const node = first && typeof first === "object" ? (first as Node) : {};
  const details = detailsOf(body);
  const message = attr(node, "message") ?? details.split("\n").find((l) => l.trim() !== "") ?? "failed";
  const lineAttr = Number(attr(testcase, "line"));
  const where = Number.isInteger(lineAttr) && lineAttr > 0 ? { line: lineAttr } : frameIn(file, body);
  return { name: attr(testcase, "name") ?? "", message: message.trim(), details, ...where };
}
