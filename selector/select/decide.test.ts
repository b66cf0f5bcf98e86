import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "../model/features.js";
import { decide, type TestEvidence } from "./decide.js";

const base = unreachableFeatures(false);
const evidence: TestEvidence[] = [
  {
    path: "test/direct.test.ts",
    features: { ...base, reachable: true, distance: 1, symbolHit: true, changedFilesReaching: 1 },
    graphPath: ["src/a.ts", "test/direct.test.ts"],
    usedNames: ["parse"],
    forced: [],
  },
  {
    path: "test/barrel.test.ts",
    features: { ...base, reachable: true, distance: 2, changedFilesReaching: 1 },
    graphPath: ["src/a.ts", "src/index.ts", "test/barrel.test.ts"],
    forced: [],
  },
  { path: "test/far.test.ts", features: base, forced: [] },
  { path: "test/smoke.test.ts", features: base, forced: ['always_run "test/smoke/**"'] },
];

describe("decide", () => {
  it("selects tests that use a changed name at the default threshold, skips the rest", () => {
    const decisions = decide(evidence, { threshold: 0.85, granularity: "symbol" });
    expect(decisions.map((d) => [d.test_path, d.selected])).toEqual([
      ["test/direct.test.ts", true],
      ["test/barrel.test.ts", false],
      ["test/far.test.ts", false],
      ["test/smoke.test.ts", true],
    ]);
    expect(decisions[0]?.reasons).toEqual(["graph: src/a.ts -> test/direct.test.ts; uses changed parse"]);
    expect(decisions[1]?.reasons[0]).toContain("only through unchanged names");
    expect(decisions[1]!.confidence).toBeLessThan(decisions[0]!.confidence);
  });

  it("a cautious threshold, or file granularity, keeps tests reached only through unchanged names", () => {
    const cautious = decide(evidence, { threshold: 0.95, granularity: "symbol" });
    expect(cautious.find((d) => d.test_path === "test/barrel.test.ts")?.selected).toBe(true);
    const fileLevel = decide(evidence, { threshold: 0.85, granularity: "file" });
    expect(fileLevel.find((d) => d.test_path === "test/barrel.test.ts")?.selected).toBe(true);
  });

  it("says when a test is selected because loading it runs changed top-level code", () => {
    const [loads] = decide([{ ...evidence[0]!, usedNames: ["*"], loadsChangedCode: true }], {
      threshold: 0.85,
      granularity: "symbol",
    });
    expect(loads?.selected).toBe(true);
    expect(loads?.reasons[0]).toBe(
      "graph: src/a.ts -> test/direct.test.ts; importing it runs changed top-level code",
    );
  });

  it("skips exactly when 1 - confidence >= threshold", () => {
    const [d] = decide([evidence[2]!], { threshold: 0.85, granularity: "symbol", score: () => 0.15 });
    expect(d?.selected).toBe(false);
    const [e] = decide([evidence[2]!], { threshold: 0.85, granularity: "symbol", score: () => 0.16 });
    expect(e?.selected).toBe(true);
  });

  it("full mode selects everything with the reason", () => {
    const decisions = decide(evidence, {
      threshold: 0.85,
      granularity: "symbol",
      fullReason: "package.json changed",
    });
    expect(decisions.every((d) => d.selected && d.reasons[0] === "package.json changed")).toBe(true);
  });
});

describe("decide with a trained model", () => {
  const pessimist = () => 0.01;

  it("never lets a model drop a test that uses a changed name, at symbol or file granularity", () => {
    const symbol = decide(evidence, {
      threshold: 0.85,
      granularity: "symbol",
      score: pessimist,
      modelName: "m1",
    });
    expect(symbol.map((d) => [d.test_path, d.selected])).toEqual([
      ["test/direct.test.ts", true],
      ["test/barrel.test.ts", false],
      ["test/far.test.ts", false],
      ["test/smoke.test.ts", true],
    ]);
    expect(symbol[0]!.confidence).toBeGreaterThan(0.95);
    expect(symbol[1]!.reasons[1]).toBe("model m1: confidence 0.01 (graph alone: 0.0601)");
    const file = decide(evidence, { threshold: 0.85, granularity: "file", score: pessimist });
    expect(file.filter((d) => d.selected).map((d) => d.test_path)).toEqual([
      "test/direct.test.ts",
      "test/barrel.test.ts",
      "test/smoke.test.ts",
    ]);
  });

  it("never lets a model lower an affected test", () => {
    for (const granularity of ["symbol", "file"] as const) {
      const [kept] = decide([evidence[0]!], {
        threshold: 0.85,
        granularity,
        score: pessimist,
        modelName: "m1",
      });
      expect(kept).toMatchObject({ selected: true });
      expect(kept!.confidence).toBeGreaterThan(0.85);
    }
  });

  it("lets history raise a test the graph does not reach", () => {
    const [far] = decide([evidence[2]!], { threshold: 0.85, granularity: "symbol", score: () => 0.4 });
    expect(far).toMatchObject({ selected: true, confidence: 0.4 });
  });

  it("skips an affected test whose recorded coverage runs none of the change, and says so", () => {
    const coverage = { clear: true as const, commit: "0123456789abcdef", files: 1 };
    const [cleared] = decide([{ ...evidence[0]!, coverage }], { threshold: 0.85, granularity: "symbol" });
    expect(cleared).toMatchObject({ selected: false });
    expect(cleared!.confidence).toBeLessThan(0.15);
    expect(cleared!.reasons[1]).toBe(
      "coverage recorded at 0123456789ab: it ran none of the changed functions of the 1 file it loaded that changed, and loading them runs the same code",
    );
    // A model cannot undo it: the test scores as one that uses nothing the change touched.
    const [modelled] = decide([{ ...evidence[0]!, coverage }], {
      threshold: 0.85,
      granularity: "symbol",
      score: (features) => (features.symbolHit ? 0.9 : 0.02),
    });
    expect(modelled!.selected).toBe(false);
  });

  it("keeps a cleared test that a type checker reads, a test coverage does not clear, and at file level", () => {
    const clear = { clear: true as const, files: 1 };
    const [typed] = decide([{ ...evidence[0]!, coverage: clear, typeChecked: true }], {
      threshold: 0.85,
      granularity: "symbol",
    });
    expect(typed!.selected).toBe(true);
    const [ran] = decide(
      [{ ...evidence[0]!, coverage: { clear: false, reason: "it ran a changed function of src/a.ts" } }],
      {
        threshold: 0.85,
        granularity: "symbol",
      },
    );
    expect(ran!.selected).toBe(true);
    const [file] = decide([{ ...evidence[0]!, coverage: clear }], { threshold: 0.85, granularity: "file" });
    expect(file!.selected).toBe(true);
  });
});
