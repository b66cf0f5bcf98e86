import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "./features.js";
import { NO_HISTORY } from "./history.js";
import { degenerateReason, rankAuc } from "./model-gates.js";
import { type Example, trainModel } from "./train.js";
import { inputVector } from "./trained-model.js";

const graph = (reachable: boolean, symbolHit: boolean) => ({
  ...unreachableFeatures(false),
  reachable,
  symbolHit,
  distance: reachable ? 2 : 0,
  changedFilesReaching: reachable ? 1 : 0,
  maxFanIn: reachable ? 3 : 0,
});

describe("rankAuc", () => {
  it("is 1 for a perfect ranking, 0.5 for ties or a coin, 0 for a reversed one", () => {
    const perfect = [
      { p: 0.1, failed: false },
      { p: 0.9, failed: true },
    ];
    expect(rankAuc(perfect)).toBe(1);
    expect(rankAuc(perfect.map((s) => ({ ...s, failed: !s.failed })))).toBe(0);
    expect(rankAuc(perfect.map((s) => ({ ...s, p: 0.5 })))).toBe(0.5);
  });
});

describe("degenerateReason", () => {
  it("refuses the incident's model: two examples with one input vector, every weight 0", () => {
    const x = inputVector(graph(true, false), NO_HISTORY);
    const examples: Example[] = [
      { x, failed: true },
      { x, failed: false },
    ];
    const model = trainModel(examples)!;
    expect(model.weights.slice(1).every((w) => w === 0)).toBe(true);
    expect(degenerateReason(model, examples)).toBe(
      "degenerate: every input weight is 0, so it gives every test the same confidence",
    );
  });

  it("refuses a model whose inputs do not tell failures from passes", () => {
    // Symbol hits and unreached tests fail equally often: the inputs vary, the outcome does not follow.
    const examples: Example[] = [];
    for (let i = 0; i < 40; i++) {
      examples.push({ x: inputVector(graph(true, true), NO_HISTORY), failed: i % 2 === 0 });
      examples.push({ x: inputVector(graph(false, false), NO_HISTORY), failed: i % 2 === 1 });
    }
    const model = trainModel(examples)!;
    expect(degenerateReason(model, examples)).toMatch(/^degenerate: /);
  });

  it("accepts a model that ranks failures above passes", () => {
    const examples: Example[] = [];
    for (let i = 0; i < 40; i++) {
      examples.push({ x: inputVector(graph(true, true), NO_HISTORY), failed: i % 2 === 0 });
      examples.push({ x: inputVector(graph(true, false), NO_HISTORY), failed: false });
    }
    const model = trainModel(examples)!;
    expect(degenerateReason(model, examples)).toBeUndefined();
  });
});
