import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { emptyCoChange } from "../../selector/model/history.js";
import type { TestEvidence } from "../../selector/select/decide.js";
import { ReplayLearner } from "./replay-learner.js";

const hit: TestEvidence = {
  path: "test/hit.test.ts",
  features: {
    ...unreachableFeatures(false),
    reachable: true,
    symbolHit: true,
    distance: 1,
    changedFilesReaching: 1,
  },
  forced: [],
};
const nameOnly: TestEvidence = {
  path: "test/name.test.ts",
  features: { ...unreachableFeatures(false), reachable: true, distance: 2, changedFilesReaching: 1 },
  forced: [],
};

/** A small minimum, so a handful of runs train a model (the default asks for 10 and 50). */
const policy = { minFailingRuns: 3, minFailures: 3, every: 5 };

describe("ReplayLearner", () => {
  it("scores with the cold start until enough labelled runs, then with a trained model", () => {
    const learner = new ReplayLearner(emptyCoChange(), policy);
    expect(learner.scorer(["src/a.ts"])).toBeUndefined();
    for (let run = 0; run < 5; run++) {
      if (run === 4) expect(learner.version).toBe(0);
      learner.observe({
        changedFiles: ["src/a.ts"],
        sourceFiles: ["src/a.ts"],
        testFiles: [],
        evidence: [hit, nameOnly],
        ran: new Set([hit.path, nameOnly.path]),
        failed: new Set(run % 2 === 0 ? [hit.path] : []),
      });
    }
    expect(learner.version).toBe(1);
    const score = learner.scorer(["src/a.ts"])!;
    expect(score(hit)).toBeGreaterThan(score(nameOnly));
    expect(score(nameOnly)).toBeLessThan(0.15);
  });
});
