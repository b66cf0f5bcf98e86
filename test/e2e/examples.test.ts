import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/bundle-action.js";
import { parsePolicy } from "../../selector/policy/parse-policy.js";

/** The examples users copy: every policy parses, every workflow uses only what action.yml declares. */
const EXAMPLES = join(ROOT, "examples");
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string>;
}

const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
interface Workflow {
  jobs: Record<string, { steps: Step[]; strategy?: { matrix?: unknown } }>;
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

describe("examples/", () => {
  it("has Vitest, Jest, node:test and a pnpm monorepo, one of them sharded by a matrix", () => {
    expect(examples).toEqual(["jest", "node-test", "pnpm-monorepo", "vitest"]);
    const sharded = examples.filter((name) => {
      const workflow = parse(readFileSync(join(EXAMPLES, name, "workflow.yml"), "utf8")) as Workflow;
      return Object.values(workflow.jobs).some((job) => job.strategy?.matrix);
    });
    expect(sharded).toEqual(["pnpm-monorepo"]);
  });

  it.each(examples)("%s: the policy file is valid", (name) => {
    const text = readFileSync(join(EXAMPLES, name, "policy.yml"), "utf8");
    expect(() => parsePolicy(text, `examples/${name}/policy.yml`)).not.toThrow();
  });

  it.each(examples)(
    "%s: the workflow passes only inputs action.yml has, and reads only its outputs",
    (name) => {
      const text = readFileSync(join(EXAMPLES, name, "workflow.yml"), "utf8");
      const workflow = parse(text) as Workflow;
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      const ours = steps.filter((step) => step.uses?.startsWith("superplane/superplane@"));
      expect(ours).toHaveLength(1);
      for (const key of Object.keys(ours[0]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
      const run = ours[0]!.with?.run;
      if (run !== undefined) expect(run).toMatch(/\{tests(_file)?\}/);
      for (const [, output] of text.matchAll(/steps\.superplane\.outputs\.([\w-]+)/g)) {
        expect(Object.keys(action.outputs)).toContain(output);
      }
    },
  );
});

describe("examples/ without a service", () => {
  it.each(examples)(
    "%s: actions/cache restores the newest .git/superplane before the action and saves it under the commit",
    (name) => {
      const workflow = parse(readFileSync(join(EXAMPLES, name, "workflow.yml"), "utf8")) as Workflow;
      for (const job of Object.values(workflow.jobs)) {
        const ours = job.steps.findIndex((step) => step.uses?.startsWith("superplane/superplane@"));
        if (ours < 0) continue;
        const cache = job.steps.findIndex(
          (step) => step.uses?.startsWith("actions/cache@") && step.with?.path === ".git/superplane",
        );
        expect(cache, `${name}: no actions/cache of .git/superplane`).toBeGreaterThanOrEqual(0);
        expect(cache).toBeLessThan(ours);
        expect(job.steps[cache]!.with).toMatchObject({
          key: `superplane-${"$"}{{ github.sha }}`,
          "restore-keys": "superplane-",
        });
      }
    },
  );

  it.each(["vitest", "jest", "node-test"])("%s: checkout, cache, SuperPlane: no secrets", (name) => {
    const text = readFileSync(join(EXAMPLES, name, "workflow.yml"), "utf8");
    const ours = stepsOf(parse(text) as Workflow).find((s) => s.uses?.startsWith("superplane/superplane@"));
    expect(Object.keys(ours!.with ?? {})).not.toContain("token");
    expect(Object.keys(ours!.with ?? {})).not.toContain("api-url");
    expect(text.replace(/^\s*#.*$/gm, "")).not.toContain("secrets.");
  });
});

describe("action.yml", () => {
  it("runs dist/index.js on node24 and declares the issue's inputs and outputs", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual([
      "api-url",
      "token",
      "policy",
      "base",
      "head",
      "confidence-threshold",
      "run",
      "junit",
      "shard",
      "github-token",
    ]);
    expect(Object.keys(action.outputs)).toEqual([
      "run-id",
      "mode",
      "tests",
      "tests-file",
      "tests-json",
      "selected-count",
      "total-count",
    ]);
  });
});
