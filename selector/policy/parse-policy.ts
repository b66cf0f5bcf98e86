import { type Document, LineCounter, parseDocument, type YAMLError } from "yaml";
import { defaultPolicy } from "./default-policy.js";
import { didYouMean } from "./did-you-mean.js";
import { PolicyError, type PolicyProblem } from "./policy-error.js";
import { KNOWN_KEYS, type PolicyIssue, validatePolicy } from "./policy-schema.js";
import type { Policy } from "./types.js";
import { dottedKey, type KeyPath, positionOf } from "./yaml-positions.js";

/** The policy a repository without `.superplane/policy.yml` gets (DESIGN "Policy file"). */
export { defaultPolicy };

/** yaml's message carries its own position and a code frame: keep the first line without them. */
function syntaxProblem(error: YAMLError): PolicyProblem {
  const first = error.message.split("\n")[0] ?? error.message;
  const message = first.replace(/ at line \d+, column \d+:?$/, "");
  const pos = error.linePos?.[0];
  return { line: pos?.line ?? 1, column: pos?.col ?? 1, key: "", message: `invalid YAML: ${message}` };
}

/** A key with no value (`canary:`) means its defaults, as a missing key does. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null);
  return Object.fromEntries(entries.map(([k, v]) => [k, dropNulls(v)]));
}

function unknownKeyMessage(parent: KeyPath, key: string): string {
  const pattern = dottedKey(parent.map((s) => (typeof s === "number" ? "[]" : s))).replace(/\.\[\]/g, "[]");
  const known = KNOWN_KEYS.get(pattern) ?? [];
  const near = didYouMean(key, known);
  if (near) return `unknown key "${key}" (did you mean "${near}"?)`;
  // The right key in the wrong section: `confidence_threshold` at the top level.
  for (const [section, keys] of KNOWN_KEYS) {
    if (section !== pattern && section !== "" && keys.includes(key)) {
      return `unknown key "${key}" here (did you mean "${section.replace("[]", "[…]")}.${key}"?)`;
    }
  }
  return `unknown key "${key}" (expected one of: ${known.join(", ")})`;
}

function schemaProblems(doc: Document, counter: LineCounter, issues: PolicyIssue[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const issue of issues) {
    if ("unknownKeys" in issue) {
      for (const key of issue.unknownKeys) {
        const path = [...issue.path, key];
        problems.push({
          ...positionOf(doc, counter, path),
          key: dottedKey(path),
          message: unknownKeyMessage(issue.path, key),
        });
      }
      continue;
    }
    problems.push({
      ...positionOf(doc, counter, issue.path),
      key: dottedKey(issue.path),
      message: issue.message,
    });
  }
  return problems;
}

/**
 * Parses and validates `.superplane/policy.yml`, filling in defaults. Throws one PolicyError that
 * lists every problem, each positioned at the line and key it is about; an empty file (or one of
 * only comments) is the default policy.
 */
export function parsePolicy(text: string, file: string): Policy {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0)
    throw PolicyError.fromProblems(file, doc.errors.map(syntaxProblem), doc.errors[0]);
  let value: unknown;
  try {
    value = dropNulls(doc.toJS() ?? {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw PolicyError.fromProblems(
      file,
      [{ line: 1, column: 1, key: "", message: `unreadable YAML: ${message}` }],
      error,
    );
  }
  const result = validatePolicy(value);
  if ("policy" in result) return result.policy;
  throw PolicyError.fromProblems(file, schemaProblems(doc, counter, result.issues));
}
