import picomatch from "picomatch";
import type { Policy } from "./types.js";

/**
 * Glob semantics of the policy file, for repository-relative POSIX paths:
 *
 * - Exactly picomatch's, with `dot: true` so `.github/**` and `.eslintrc.cjs` match like any file.
 *   A pattern without a slash does NOT match at any depth: `*.test.ts` matches only root files;
 *   write `**\/*.test.ts` for every directory.
 * - One addition, because users write it: a pattern naming a directory, `scripts/ci/` or the
 *   glob-free `scripts/ci`, also matches everything under that directory.
 * - A leading `./` or `/` is dropped: paths are relative to the repository root either way.
 */
const OPTIONS: picomatch.PicomatchOptions = { dot: true };

function normalise(pattern: string): string {
  return pattern.replace(/^(?:\.\/|\/)+/, "");
}

/** The picomatch patterns one policy glob stands for. */
export function expandGlob(pattern: string): string[] {
  const glob = normalise(pattern);
  if (glob.endsWith("/")) return [`${glob}**`];
  if (!picomatch.scan(glob).isGlob) return [glob, `${glob}/**`];
  return [glob];
}

/** Why a glob cannot be used, or undefined when it compiles. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === "") return "must be a non-empty glob";
  // picomatch treats "!x" as "everything but x", which in an include list matches nearly everything.
  if (pattern.startsWith("!"))
    return `negated globs are not supported (got "${pattern}"): list it under an exclude key`;
  try {
    for (const glob of expandGlob(pattern)) picomatch(glob, { ...OPTIONS, strictBrackets: true });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `invalid glob "${pattern}": ${reason}`;
  }
}

/** One matcher for a list of globs: true when any of them matches. An empty list matches nothing. */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const patterns = globs.flatMap(expandGlob);
  if (patterns.length === 0) return () => false;
  const matcher = picomatch(patterns, OPTIONS);
  return (path) => matcher(path);
}

/** `include` and not `exclude`. */
export function includeExclude(
  include: readonly string[],
  exclude: readonly string[],
): (path: string) => boolean {
  const included = compileGlobs(include);
  const excluded = compileGlobs(exclude);
  return (path) => included(path) && !excluded(path);
}

/** Whether a repository path is a test file under the policy's `tests.include`/`tests.exclude`. */
export function isTestFile(policy: Policy): (path: string) => boolean {
  return includeExclude(policy.tests.include, policy.tests.exclude);
}
