import { DEFAULT_INCLUDE, isDefaultInclude } from "../../selector/policy/default-policy.js";
import { compileGlobs, includeExclude } from "../../selector/policy/match-globs.js";
import { commitSource } from "../../selector/repo/revision-source.js";
import { loadPolicy } from "../../selector/select/load-policy.js";
import { defaultTestMatcher, runnerDefaultTests } from "../../selector/select/runner-default-tests.js";
import { runnerTestGlobs } from "../../selector/select/runner-test-globs.js";

const CONFIG = /(?:^|\/)(?:package\.json|(?:vitest|vite|jest)\.(?:config|workspace|projects)\.[cm]?[jt]s)$/;

/**
 * Which paths are tests at `rev`, as `superplane select` decides it: the policy's globs, plus the
 * runners' own globs while `tests.include` is the default. An invalid policy falls back to the
 * defaults: co-change statistics are a hint, not a decision.
 */
export async function testMatcherAt(repoDir: string, rev: string): Promise<(path: string) => boolean> {
  const head = await commitSource(repoDir, rev);
  const { policy } = await loadPolicy(head);
  const { include, exclude } = policy.tests;
  if (!isDefaultInclude(include)) return includeExclude(include, exclude);
  const paths = head.entries.map((e) => e.path);
  const configs = await head.read(paths.filter((p) => CONFIG.test(p) && !p.includes("node_modules/")));
  const read = (path: string) => configs.get(path)?.toString("utf8");
  const byGlob = includeExclude([...DEFAULT_INCLUDE, ...runnerTestGlobs(paths, read)], exclude);
  // Jest's default `__tests__` files and `testRegex` (runner-default-tests.ts); in-source tests need facts.
  const byJest = defaultTestMatcher(runnerDefaultTests(paths, read));
  const excluded = compileGlobs(exclude);
  return (path) => byGlob(path) || (byJest(path) && !excluded(path));
}
