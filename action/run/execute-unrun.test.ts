import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import type { Note, Plan } from "../select/plan.js";
import { emptyState } from "../state/local-state.js";
import { executeTests } from "./execute.js";

/**
 * Next.js folders (`app/[slug]`, `app/(auth)`) under a Jest command that reads its arguments as
 * regular expressions: real Jest drops two of the three paths it is given and passes. The failing
 * `[slug]` test never runs, so the action must say so.
 */
const FIXTURE = resolve("test/fixtures/jest-regex-paths");
const TESTS = ["app/(auth)/login.test.js", "app/[slug]/page.test.js", "app/other.test.js"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-unrun-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function execute(name: string, run: string) {
  const root = join(dir, name);
  cpSync(FIXTURE, root, { recursive: true });
  symlinkSync(realpathSync(resolve("node_modules")), join(root, "node_modules"));
  mkdirSync(join(root, ".runner-temp"));
  const plan: Plan = {
    mode: "selective",
    decisions: TESTS.map((test_path) => ({
      test_path,
      selected: true,
      confidence: 1,
      reasons: ["test"],
      features: unreachableFeatures(false),
    })),
    selected: TESTS,
    repoId: undefined,
    decidedBy: "action",
    notes: [],
    deletedTests: [],
    changedFiles: 1,
    head: "b".repeat(40),
    quarantineFlaky: false,
  };
  const annotations: Note[] = [];
  const executed = await executeTests({
    settings: { policy: ".superplane/policy.yml", junit: ["reports/junit.xml"], workspace: root, run },
    plan,
    service: undefined,
    state: emptyState(),
    tempDir: join(root, ".runner-temp"),
    log: () => {},
    annotate: (note) => annotations.push(note),
  });
  return { executed, annotations, notes: plan.notes };
}

describe("selected tests the run command did not run", () => {
  it("are a warning naming them and Jest's regular expressions, though the command passed", async () => {
    const { executed, annotations, notes } = await execute("regex", "npx jest --ci {tests}");
    expect(executed.tests).toMatchObject({ state: "passed", exitCode: 0 });
    const warning = {
      level: "warning",
      message:
        "2 selected test file(s) did not run, so a failure in them would not fail this check: app/(auth)/login.test.js, app/[slug]/page.test.js. Jest reads each path it is given as a regular expression, and these paths hold characters such an expression reads as syntax: add --runTestsByPath before {tests} in the run command",
    };
    expect(annotations).toEqual([warning]);
    expect(notes).toEqual([warning]);
  }, 60_000);

  it("are none when every path ran: with --runTestsByPath the failing test runs and fails", async () => {
    const { executed, annotations } = await execute("by-path", "npx jest --ci --runTestsByPath {tests}");
    expect(executed.tests).toMatchObject({ state: "failed" });
    expect(annotations).toEqual([]);
  }, 60_000);
});
