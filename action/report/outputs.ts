import type { Plan } from "../select/plan.js";

/** The step's outputs; lists are also published as JSON (a path may hold a space). */
export function outputsOf(plan: Plan, testsFile: string): Record<string, string> {
  return {
    "run-id": plan.runId ?? "",
    mode: plan.mode,
    tests: plan.selected.join(" "),
    "tests-file": testsFile,
    "tests-json": JSON.stringify(plan.selected),
    "selected-count": String(plan.selected.length),
    "total-count": String(plan.decisions.length),
  };
}
