import { type Document, LineCounter, parseDocument } from "yaml";
import { isDefaultInclude } from "./default-policy.js";
import { compileGlobs, includeExclude } from "./match-globs.js";
import type { PolicyProblem } from "./policy-error.js";
import type { Policy } from "./types.js";
import { dottedKey, type KeyPath, positionOf } from "./yaml-positions.js";

export interface PolicySanity {
  /** `tests.include`, written in the file, matches no file: no test would ever be known or run. */
  error?: PolicyProblem;
  /** Globs that match no file: rules that never fire, most often a typo or a moved folder. */
  warnings: PolicyProblem[];
}

/**
 * Whether the file sets its own `tests.include`. The default, written out or not, is no error when it
 * matches nothing: the runners' own test globs are added to it (load-snapshot.ts), and a repository
 * without tests is not a mistake in the policy.
 */
function setsInclude(doc: Document, include: readonly string[]): boolean {
  const value = doc.getIn(["tests", "include"]);
  if (value === undefined || value === null) return false;
  return !isDefaultInclude(include);
}

/**
 * The globs of a valid policy checked against the repository's files (`paths`, at the revision the
 * policy is read from). Each problem points at the list item (or the key, for a single string) in
 * `text`, the policy file's content.
 */
export function checkPolicyGlobs(policy: Policy, text: string, paths: readonly string[]): PolicySanity {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const problem = (path: KeyPath, message: string): PolicyProblem => ({
    ...positionOf(doc, counter, path),
    key: dottedKey(path),
    message,
  });
  const matchesNothing = (glob: string) => !paths.some(compileGlobs([glob]));
  const warnings: PolicyProblem[] = [];
  const unmatched = (path: KeyPath, glob: string, effect: string) => {
    if (matchesNothing(glob)) warnings.push(problem(path, `"${glob}" matches no file: ${effect}`));
  };

  let error: PolicyProblem | undefined;
  if (setsInclude(doc, policy.tests.include)) {
    const { include, exclude } = policy.tests;
    const isTest = includeExclude(include, exclude);
    if (!paths.some(isTest)) {
      const after = paths.some(compileGlobs(include)) ? " that tests.exclude leaves" : "";
      error = problem(
        ["tests", "include"],
        `matches no file${after} (${include.map((g) => `"${g}"`).join(", ")}): no test would be selected or run; globs match repository paths at any depth only with "**/"`,
      );
    } else {
      include.forEach((glob, i) => {
        unmatched(["tests", "include", i], glob, "it adds no test");
      });
    }
  }
  policy.always_run.forEach((glob, i) => {
    unmatched(["always_run", i], glob, "it selects no test");
  });
  policy.run_all_when.forEach((glob, i) => {
    unmatched(["run_all_when", i], glob, "it fires only once such a file is added");
  });
  policy.dependencies.forEach((rule, i) => {
    unmatched(["dependencies", i, "files"], rule.files, "the dependency never fires");
    unmatched(["dependencies", i, "tests"], rule.tests, "the dependency selects no test");
  });
  return { ...(error ? { error } : {}), warnings };
}
