import { describe, expect, it } from "vitest";
import { coldStartConfidence, REACHABLE_FLOOR } from "./cold-start.js";
import { unreachableFeatures } from "./features.js";

const reachable = { ...unreachableFeatures(false), reachable: true, distance: 1, changedFilesReaching: 1 };

describe("cold-start model", () => {
  it("keeps every reachable test above the default skip line (1 - 0.85)", () => {
    expect(REACHABLE_FLOOR).toBeGreaterThan(0.15);
    for (const distance of [1, 2, 5, 9, 40]) {
      for (const weakOnly of [false, true]) {
        const c = coldStartConfidence({ ...reachable, distance, weakOnly });
        expect(1 - c).toBeLessThan(0.85);
      }
    }
  });

  it("scores a direct user of a changed declaration near 1, above a file-level reach", () => {
    const direct = coldStartConfidence({ ...reachable, symbolHit: true });
    const fileOnly = coldStartConfidence(reachable);
    expect(direct).toBeGreaterThan(0.95);
    expect(fileOnly).toBeLessThan(0.3);
    expect(coldStartConfidence({ ...reachable, symbolHit: true, distance: 4 })).toBeLessThan(direct);
  });

  it("scores an unreachable test near 0", () => {
    expect(coldStartConfidence(unreachableFeatures(false))).toBeLessThan(0.02);
  });
});
