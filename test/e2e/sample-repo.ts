import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gitIn } from "../support/temp-repo.js";

/** How many modules, each with one test file, the sample repository has. */
export const TEST_COUNT = 50;

export const modulePath = (i: number) => `src/mod-${i}.js`;
export const testPath = (i: number) => `test/mod-${i}.test.js`;

/**
 * A stand-in for a test runner, committed in the sample repository: it imports each test file
 * (given as arguments, or `--list FILE`), appends what it ran to ran.txt, writes a JUnit report
 * in Vitest's shape (one suite per file, the file in classname) and exits 1 when any test threw.
 */
const RUNNER = `import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const tests = args[0] === "--list" ? readFileSync(args[1], "utf8").split("\\n").filter(Boolean) : args;
const suites = [];
let failed = 0;
for (const test of tests) {
  const started = performance.now();
  let failure = "";
  try {
    await import(pathToFileURL(resolve(test)).href);
  } catch (error) {
    failure = \`<failure message="\${String(error.message).replaceAll('"', "'")}"/>\`;
    failed++;
  }
  const time = ((performance.now() - started) / 1000).toFixed(4);
  suites.push(\`<testsuite name="\${test}"><testcase classname="\${test}" name="loads" time="\${time}">\${failure}</testcase></testsuite>\`);
}
appendFileSync("ran.txt", tests.map((t) => \`\${t}\\n\`).join(""));
mkdirSync("reports", { recursive: true });
writeFileSync("reports/junit.xml", \`<?xml version="1.0"?>\\n<testsuites>\${suites.join("")}</testsuites>\\n\`);
process.exit(failed > 0 ? 1 : 0);
`;

const moduleSource = (i: number, value = String(i)) => `export function value() {\n  return ${value};\n}\n`;

/**
 * A test the stand-in runner imports, and that Vitest (VITEST is set) and node:test (under
 * `node --test`, NODE_TEST_CONTEXT is set; run as `node --test-reporter=… <file>`, as the node:test
 * example does, the flag is there) run as a test of their own, so the examples' commands run it too.
 */
const testSource = (i: number) =>
  [
    `import { value } from "../src/mod-${i}.js";`,
    "",
    "const check = () => {",
    `  if (value() !== ${i}) throw new Error(\`mod-${i}: expected ${i}, got \${value()}\`);`,
    "};",
    "if (process.env.VITEST) {",
    '  const { test } = await import("vitest");',
    `  test("mod-${i}", check);`,
    '} else if (process.env.NODE_TEST_CONTEXT || process.execArgv.some((a) => a.startsWith("--test-reporter"))) {',
    '  const { test } = await import("node:test");',
    `  test("mod-${i}", check);`,
    "} else {",
    "  check();",
    "}",
    "",
  ].join("\n");

/**
 * No canary full runs: the service draws them from the commit's hash, and these commits' hashes
 * change with every run of the suite (service/learning/ tests the canary on fixed hashes).
 */
export const E2E_POLICY = `version: 1
canary:
  full_run_rate: 0
`;

const POLICY = `${E2E_POLICY}selection:
  confidence_threshold: 0.85
`;

export interface SampleOrigin {
  /** A bare repository: what \`origin\` is to every checkout. */
  url: string;
  /** main: the base. */
  mainSha: string;
  /** feature: modules 1 to 3 changed inside their functions (tests 1 to 3 are affected). */
  featureSha: string;
  /** broken: module 5 now returns the wrong value (test 5 fails). */
  brokenSha: string;
  /** bad-policy: the feature change plus a policy file with an unknown key on line 4. */
  badPolicySha: string;
  /** docs: only a README changed (no test is affected). */
  docsSha: string;
}

function write(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** The sample repository with real git: main, three branches off it, pushed to a bare origin. */
export function makeSampleOrigin(root: string): SampleOrigin {
  const src = join(root, "origin-src");
  mkdirSync(src, { recursive: true });
  const git = (...args: string[]) => gitIn(src, args).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "SuperPlane Test");
  git("config", "user.email", "test@superplane.invalid");
  git("config", "commit.gpgsign", "false");
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  write(src, "package.json", `${JSON.stringify({ name: "sample", private: true, type: "module" })}\n`);
  write(src, "tools/run-tests.mjs", RUNNER);
  write(src, ".gitignore", "ran.txt\nreports/\nnode_modules/\n");
  write(src, ".superplane/policy.yml", POLICY);
  for (let i = 0; i < TEST_COUNT; i++) {
    write(src, modulePath(i), moduleSource(i));
    write(src, testPath(i), testSource(i));
  }
  const mainSha = commit("sample: 50 modules, 50 tests");

  git("checkout", "-q", "-b", "feature");
  for (const i of [1, 2, 3]) write(src, modulePath(i), moduleSource(i, `${i + 1} - 1`));
  const featureSha = commit("feature: rewrite modules 1 to 3");
  git("checkout", "-q", "-b", "bad-policy");
  write(src, ".superplane/policy.yml", `${POLICY}always_runn: ["test/mod-0.test.js"]\n`);
  const badPolicySha = commit("bad-policy: a misspelt key");

  git("checkout", "-q", "-b", "docs", mainSha);
  write(src, "README.md", "# sample\n");
  const docsSha = commit("docs: a README");

  git("checkout", "-q", "-b", "broken", mainSha);
  write(src, modulePath(5), moduleSource(5, "55"));
  const brokenSha = commit("broken: module 5 returns the wrong value");

  const bare = join(root, "origin.git");
  gitIn(root, ["clone", "-q", "--bare", src, bare]);
  return { url: `file://${bare}`, mainSha, featureSha, brokenSha, badPolicySha, docsSha };
}

/** A checkout as actions/checkout makes it: one commit deep, only the branch under test. */
export function shallowCheckout(origin: SampleOrigin, branch: string, dir: string): string {
  gitIn(dirname(dir), ["clone", "-q", "--depth=1", "--branch", branch, origin.url, dir]);
  return dir;
}

/**
 * Vitest in the jobs that copy no documented example: `node` on the entry `npx vitest` ends up
 * running. The action runs its `run` input as an opaque shell command, so the form changes nothing
 * the tests assert, and `npx` adds about a second of CPU to each start (npm's own start-up, the
 * package lookup). The documented examples keep their `npx` (examples.test.ts, other-ci.test.ts,
 * action-dist.test.ts), as users copy them.
 */
export const VITEST = "node node_modules/vitest/vitest.mjs";

/**
 * Makes `vitest` resolvable in a checkout, as `npm ci` would: a node_modules of its own holding a
 * link to this repository's installed Vitest (Vite's cache then lands in the checkout, not here).
 */
export function linkVitest(workspace: string, installed: string): void {
  mkdirSync(join(workspace, "node_modules", ".bin"), { recursive: true });
  symlinkSync(join(installed, "vitest"), join(workspace, "node_modules", "vitest"), "dir");
  symlinkSync("../vitest/vitest.mjs", join(workspace, "node_modules", ".bin", "vitest"));
}
