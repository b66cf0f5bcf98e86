import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { Decision } from "../../selector/select/types.js";
import type { LocalSelection } from "./local-selection.js";
import { localPlan, servicePlan } from "./plan.js";

const d = (test: string, selected: boolean, confidence: number, reason: string): Decision => ({
  test_path: test,
  selected,
  confidence,
  reasons: [reason],
});

function local(overrides: Partial<LocalSelection> = {}): LocalSelection {
  return {
    mode: "selective",
    decisions: [d("a.test.ts", true, 0.9, "graph"), d("b.test.ts", false, 0.05, "no path")],
    policy: { policy: defaultPolicy(), source: "defaults" },
    warnings: [],
    deletedTests: [],
    changedFiles: 1,
    base: "b".repeat(40),
    head: "c".repeat(40),
    timings: {},
    request: () => {
      throw new Error("not sent in these tests");
    },
    coverageCandidates: [],
    applyCoverage: async () => ({ checked: 0, cleared: 0 }),
    redecide: async () => ({ checked: 0, cleared: 0, decisions: [] }),
    ...overrides,
  };
}

describe("localPlan", () => {
  it("is the graph's decision, selective, decided by the action", () => {
    const mine = local();
    const plan = localPlan(mine, mine.decisions, []);
    expect(plan).toMatchObject({ mode: "selective", decidedBy: "action" });
    expect(plan.fullReason).toBeUndefined();
    expect(plan.runId).toBeUndefined();
    expect(plan.selected).toEqual(["a.test.ts"]);
  });

  it("keeps the graph's full run and its reason (an invalid policy, no diff)", () => {
    const all = [d("a.test.ts", true, 1, "policy invalid"), d("b.test.ts", true, 1, "policy invalid")];
    const plan = localPlan(local({ mode: "full", fullReason: "policy invalid", decisions: all }), all, []);
    expect(plan).toMatchObject({ mode: "full", fullReason: "policy invalid", decidedBy: "action" });
    expect(plan.selected).toEqual(["a.test.ts", "b.test.ts"]);
  });
});

describe("servicePlan", () => {
  it("takes the service's decisions", () => {
    const answer = {
      runId: "run_1",
      mode: "selective" as const,
      decisions: [d("a.test.ts", true, 0.95, "service: graph"), d("b.test.ts", false, 0.02, "service: none")],
    };
    const plan = servicePlan(local(), answer, "repo_1", []);
    expect(plan).toMatchObject({ mode: "selective", runId: "run_1", repoId: "repo_1", decidedBy: "service" });
    expect(plan.selected).toEqual(["a.test.ts"]);
    expect(plan.notes).toEqual([]);
  });

  it("carries what the graph alone would have selected and the run's dashboard page", () => {
    const answer = {
      runId: "run_1",
      mode: "selective" as const,
      decisions: [d("a.test.ts", true, 0.95, "model"), d("b.test.ts", true, 0.5, "model")],
      graphAlone: { testsSelected: 1, addedByModel: ["b.test.ts"] },
      dashboardUrl: "https://sp.example.com/runs/run_1",
    };
    const plan = servicePlan(local(), answer, "repo_1", []);
    expect(plan).toMatchObject({
      graphAlone: { testsSelected: 1, addedByModel: ["b.test.ts"] },
      dashboardUrl: "https://sp.example.com/runs/run_1",
    });
    // A full run runs everything anyway: no comparison to make.
    const full = servicePlan(local(), { ...answer, mode: "full", fullReason: "canary" }, "repo_1", []);
    expect(full.graphAlone).toBeUndefined();
  });

  it("runs a test the service decided nothing about, with a warning, and ignores tests it made up", () => {
    const answer = {
      runId: "run_1",
      mode: "selective" as const,
      decisions: [d("a.test.ts", false, 0.01, "service"), d("ghost.test.ts", true, 1, "service")],
    };
    const plan = servicePlan(local(), answer, "repo_1", []);
    expect(plan.selected).toEqual(["b.test.ts"]);
    expect(plan.decisions.map((x) => x.test_path)).toEqual(["a.test.ts", "b.test.ts"]);
    expect(plan.notes).toEqual([
      { level: "warning", message: "the service decided nothing for 1 test(s) (e.g. b.test.ts); they run" },
    ]);
  });

  it("runs everything when either side says full, whatever the single decisions say", () => {
    const answer = {
      runId: "run_1",
      mode: "selective" as const,
      decisions: [d("a.test.ts", true, 0.9, "s"), d("b.test.ts", false, 0.1, "s")],
    };
    const plan = servicePlan(local({ mode: "full", fullReason: "package.json changed" }), answer, "r", []);
    expect(plan).toMatchObject({ mode: "full", fullReason: "package.json changed" });
    expect(plan.selected).toEqual(["a.test.ts", "b.test.ts"]);
    const canary = servicePlan(local(), { ...answer, mode: "full", fullReason: "canary full run" }, "r", []);
    expect(canary).toMatchObject({
      mode: "full",
      fullReason: "canary full run",
      selected: ["a.test.ts", "b.test.ts"],
    });
  });
});
