import { afterAll, describe, expect, it } from "vitest";
import { decision, fixtureText, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

const SMOKE = "test/smoke/boot.test.ts";

describe.concurrent("policy", () => {
  it("always_run selects its tests on any change", async () => {
    const { result } = await scenario("policy-rules", {
      "src/lib.ts": "export function lib(): number {\n  return 2;\n}\n",
    });
    expect(selected(result)).toEqual(["test/lib.test.ts", SMOKE]);
    expect(skipped(result)).toEqual(["test/other.test.ts", "test/users/users.test.ts"]);
    expect(decision(result, SMOKE).reasons.join(" ")).toContain("always_run");
    expect(decision(result, SMOKE).confidence).toBe(1);
  });

  it("run_all_when runs everything and says why", async () => {
    const { result } = await scenario("policy-rules", {
      "scripts/ci/run.sh": "#!/bin/sh\nnpx vitest run --bail 1\n",
    });
    expect(result.mode).toBe("full");
    expect(result.full_reason).toContain("scripts/ci/**");
    expect(result.full_reason).toContain("scripts/ci/run.sh");
    expect(result.tests_selected).toBe(result.tests_total);
    expect(result.tests_total).toBe(4);
  });

  it("dependencies add the edges the graph cannot see", async () => {
    const { result } = await scenario("policy-rules", {
      "fixtures/users/alice.json": '{ "name": "Alice" }\n',
    });
    expect(selected(result)).toEqual([SMOKE, "test/users/users.test.ts"]);
    expect(skipped(result)).toEqual(["test/lib.test.ts", "test/other.test.ts"]);
    expect(decision(result, "test/users/users.test.ts").reasons.join(" ")).toContain("fixtures/users/**");
  });

  it("a changed test file is selected as such", async () => {
    const { result } = await scenario("policy-rules", {
      "test/other.test.ts":
        'import { expect, it } from "vitest";\nimport { other } from "../src/other";\n\nit("is two", () => {\n  expect(other).toEqual(2);\n});\n',
    });
    expect(selected(result)).toEqual(["test/other.test.ts", SMOKE]);
    expect(skipped(result)).toEqual(["test/lib.test.ts", "test/users/users.test.ts"]);
    expect(decision(result, "test/other.test.ts").reasons).toContain("test file modified");
  });

  it("a deleted test is reported, never run", async () => {
    const { result } = await scenario("policy-rules", { "test/lib.test.ts": null });
    expect(result.deleted_tests).toEqual(["test/lib.test.ts"]);
    expect(result.decisions.map((d) => d.test_path)).not.toContain("test/lib.test.ts");
    expect(selected(result)).toEqual([SMOKE]);
    expect(skipped(result)).toEqual(["test/other.test.ts", "test/users/users.test.ts"]);
  });

  it("a custom tests.include decides what a test is", async () => {
    const { result } = await scenario("policy-include", {
      "src/sum.ts": "export function sum(a: number, b: number): number {\n  return b + a;\n}\n",
    });
    expect(result.decisions.map((d) => d.test_path).sort()).toEqual([
      "checks/sum.check.ts",
      "checks/unrelated.check.ts",
    ]);
    expect(selected(result)).toEqual(["checks/sum.check.ts"]);
    expect(skipped(result)).toEqual(["checks/unrelated.check.ts"]);
  });

  it("an invalid policy runs everything and names the line", async () => {
    const output = await scenario("policy-invalid", { "src/lib.ts": "export const lib = 2;\n" });
    expect(output.result.mode).toBe("full");
    expect(output.result.full_reason).toContain("policy");
    expect(output.policy.error?.line).toBe(3);
    expect(output.policy.error?.key).toBe("selection.confidence_threshold");
    expect(output.policy.error?.message).toContain(".superplane/policy.yml:3");
    expect(selected(output.result)).toEqual(["test/lib.test.ts", "test/unrelated.test.ts"]);
  });

  it("a tests.include that matches no file runs everything and names the line", async () => {
    const output = await scenario("policy-rules", {
      ".superplane/policy.yml": 'version: 1\ntests:\n  include: ["spec/**/*.spec.ts"]\n',
      "src/lib.ts": "export function lib(): number {\n  return 2;\n}\n",
    });
    expect(output.result.mode).toBe("full");
    expect(output.policy.error?.line).toBe(3);
    expect(output.policy.error?.key).toBe("tests.include");
    expect(output.policy.error?.message).toContain(
      ".superplane/policy.yml:3:3: tests.include: matches no file",
    );
    // The defaults stand in: the tests the default globs find all run.
    expect(output.result.tests_selected).toBe(4);
  });

  it("always_run, run_all_when and dependencies globs that match nothing are warnings at their lines", async () => {
    const policy = fixtureText("policy-rules", ".superplane/policy.yml")
      .replace('"test/smoke/**"', '"test/smoke/**", "test/smok/**"')
      .replace('"scripts/ci/**"', '"script/ci/**"')
      .replace('tests: "test/users/**"', 'tests: "test/user/**"');
    const { result } = await scenario("policy-rules", { ".superplane/policy.yml": policy });
    const policyWarnings = result.warnings
      .filter((w) => w.code === "POLICY_UNMATCHED")
      .map((w) => `${w.file}:${w.line}: ${w.message}`);
    expect(policyWarnings).toEqual([
      '.superplane/policy.yml:2: always_run[1]: "test/smok/**" matches no file: it selects no test',
      '.superplane/policy.yml:3: run_all_when[0]: "script/ci/**" matches no file: it fires only once such a file is added',
      '.superplane/policy.yml:6: dependencies[0].tests: "test/user/**" matches no file: the dependency selects no test',
    ]);
    expect(result.mode).toBe("selective");
  });

  it("a change under .github/workflows/ runs every test", async () => {
    const { result } = await scenario("policy-rules", {
      ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    });
    expect(result.mode).toBe("full");
    expect(result.full_reason).toContain(
      ".github/workflows/ci.yml changed: a CI workflow decides how the tests run",
    );
    expect(result.tests_selected).toBe(4);
  });

  it("run_all_on_workflow_change: false leaves a workflow change to the graph", async () => {
    const policy = `${fixtureText("policy-rules", ".superplane/policy.yml")}run_all_on_workflow_change: false\n`;
    const { result } = await scenario("policy-rules", {
      ".superplane/policy.yml": policy,
      ".github/workflows/ci.yml": "on: push\n",
    });
    expect(result.mode).toBe("selective");
    expect(selected(result)).toEqual([SMOKE]);
  });
});
