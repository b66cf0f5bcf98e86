import { describe, expect, it } from "vitest";
import { coldStartConfidence, SYMBOL_HIT_FLOOR, UNAFFECTED_NAMES_CEILING } from "./cold-start.js";
import { unreachableFeatures } from "./features.js";

const reachable = { ...unreachableFeatures(false), reachable: true, distance: 1, changedFilesReaching: 1 };
const skipped = (confidence: number, threshold = 0.85) => 1 - confidence >= threshold;

describe("cold-start model", () => {
  it("keeps every test that uses an affected name selected at any threshold above 0.14", () => {
    expect(SYMBOL_HIT_FLOOR).toBeGreaterThanOrEqual(0.86);
    for (const distance of [1, 2, 5, 9, 40]) {
      for (const weakOnly of [false, true]) {
        const c = coldStartConfidence({ ...reachable, symbolHit: true, distance, weakOnly });
        expect(c).toBeGreaterThanOrEqual(SYMBOL_HIT_FLOOR);
        expect(skipped(c, 0.15)).toBe(false);
      }
    }
  });

  it("skips a test reached only through unaffected names at the default threshold", () => {
    expect(UNAFFECTED_NAMES_CEILING).toBeLessThan(0.15);
    for (const changedFilesReaching of [1, 2, 4, 50]) {
      const c = coldStartConfidence({ ...reachable, changedFilesReaching });
      expect(c).toBeLessThanOrEqual(UNAFFECTED_NAMES_CEILING);
      expect(skipped(c)).toBe(true);
      // ...but a cautious policy keeps it.
      expect(skipped(c, 0.95)).toBe(false);
    }
  });

  it("scores a direct user of a changed declaration near 1, above a distant one", () => {
    const direct = coldStartConfidence({ ...reachable, symbolHit: true });
    expect(direct).toBeGreaterThan(0.95);
    expect(coldStartConfidence({ ...reachable, symbolHit: true, distance: 4 })).toBeLessThan(direct);
  });

  it("scores an unreachable test near 0, below one reached through unaffected names", () => {
    const none = coldStartConfidence(unreachableFeatures(false));
    expect(none).toBeLessThan(0.02);
    expect(none).toBeLessThan(coldStartConfidence(reachable));
  });
});
