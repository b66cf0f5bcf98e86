/** What the run shows of the tests it ran, at repository paths. */
export interface RanEvidence {
  /** The test files the JUnit reports hold a result for. */
  results: Iterable<string>;
  /** The test files the coverage reporter timed (`{coverage}`). */
  timed: Iterable<string>;
}

/**
 * The tests of `share` the run shows no sign of having run: no JUnit result, no time from the
 * coverage reporter. A runner can drop a path it was given and still pass (Jest reads its
 * arguments as regular expressions: `app/[slug]/page.test.js` matches no file), and a test that
 * never ran passes the check. Undefined when no evidence maps to a test at all (no report read,
 * none naming files): the reports' own warnings say why, and nothing here could be told apart.
 */
export function unrunTests(share: readonly string[], evidence: RanEvidence): string[] | undefined {
  const ran = new Set([...evidence.results, ...evidence.timed]);
  if (ran.size === 0) return undefined;
  return share.filter((test) => !ran.has(test));
}

/** Characters a regular expression reads as syntax, which a path can hold. */
const REGEX_SYNTAX = /[[\](){}+*?^$|\\]/;
/** Characters a glob pattern reads as syntax. */
const GLOB_SYNTAX = /[[\]{}*?]/;

/**
 * The warning for tests selected and not run, with the likely cause: a Jest command without
 * `--runTestsByPath` given paths with `[`, `(` or `+` (Next.js' `[slug]` and `(group)` folders), or
 * `node --test`, which globs its arguments from Node 21 (`[slug]` matches no file, and it passes).
 */
export function unrunNote(unrun: readonly string[], template: string): { level: "warning"; message: string } {
  const shown = unrun.slice(0, 10).join(", ") + (unrun.length > 10 ? `, and ${unrun.length - 10} more` : "");
  const jestRegex =
    /\bjest\b/.test(template) &&
    !template.includes("--runTestsByPath") &&
    unrun.some((test) => REGEX_SYNTAX.test(test));
  const nodeGlob = /\bnode\b.*--test\b/.test(template) && unrun.some((test) => GLOB_SYNTAX.test(test));
  const why = jestRegex
    ? "Jest reads each path it is given as a regular expression, and these paths hold characters such an expression reads as syntax: add --runTestsByPath before {tests} in the run command"
    : nodeGlob
      ? "From Node 21, node --test reads each path it is given as a glob pattern, and these paths hold [ ] { } * or ?: run each file as `node <file>` (examples/node-test)"
      : "No JUnit result or coverage time names them: the run command must run every path it is given ({tests} or {tests_file}), and a runner's own include or exclude must not leave one out";
  return {
    level: "warning",
    message: `${unrun.length} selected test file(s) did not run, so a failure in them would not fail this check: ${shown}. ${why}`,
  };
}
