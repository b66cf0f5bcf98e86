import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "./features.js";
import { NO_HISTORY } from "./history.js";
import { trainModel } from "./train.js";
import { inputVector, MODEL_INPUTS, scoreTest, type TrainedModel } from "./trained-model.js";

const hit = { ...unreachableFeatures(false), reachable: true, symbolHit: true, distance: 1 };
const near = { ...unreachableFeatures(false), reachable: true, distance: 2 };

function trained(): TrainedModel {
  const examples = Array.from({ length: 40 }, (_, i) => ({
    x: inputVector(i % 2 === 0 ? hit : near, NO_HISTORY),
    failed: i % 4 === 0,
  }));
  return trainModel(examples, { steps: 50 })!;
}

describe("scoreTest on a stored model", () => {
  it("scores by the names the model was trained on, in whatever order it stored them", () => {
    const model = trained();
    const order = model.inputs.map((_, i) => i).reverse();
    const reversed: TrainedModel = {
      ...model,
      inputs: order.map((i) => model.inputs[i]!),
      mean: order.map((i) => model.mean[i]!),
      std: order.map((i) => model.std[i]!),
      weights: [model.weights[0]!, ...order.map((i) => model.weights[i + 1]!)],
    };
    for (const graph of [hit, near]) {
      expect(scoreTest(reversed, graph, NO_HISTORY)).toBeCloseTo(scoreTest(model, graph, NO_HISTORY), 12);
    }
  });

  it("loads a model with an input this build no longer computes and scores it as if that input were unknown", () => {
    const model = trained();
    // Stored before `farFromChange` was withdrawn (docs/decisions.md): a strong weight on it.
    const stored: TrainedModel = {
      ...model,
      inputs: [...model.inputs, "farFromChange"],
      mean: [...model.mean, 0.3],
      std: [...model.std, 0.45],
      weights: [...model.weights, -5],
    };
    expect(stored.inputs).not.toEqual([...MODEL_INPUTS]);
    for (const graph of [hit, near, unreachableFeatures(false)]) {
      const score = scoreTest(stored, graph, NO_HISTORY);
      expect(Number.isFinite(score)).toBe(true);
      expect(score).toBeCloseTo(scoreTest(model, graph, NO_HISTORY), 12);
    }
  });

  it("scores a model trained before an input existed without it", () => {
    const model = trained();
    const older: TrainedModel = {
      ...model,
      inputs: model.inputs.filter((name) => name !== "coChange"),
      mean: model.mean.filter((_, i) => model.inputs[i] !== "coChange"),
      std: model.std.filter((_, i) => model.inputs[i] !== "coChange"),
      // Every input counts, so a vector read by position instead of by name would change the score.
      weights: model.weights
        .filter((_, i) => model.inputs[i - 1] !== "coChange")
        .map((w, i) => (i === 0 ? w : 0.5)),
    };
    const coChanged = { ...NO_HISTORY, coChange: 0.9 };
    expect(scoreTest(older, hit, coChanged)).toBeCloseTo(scoreTest(older, hit, NO_HISTORY), 12);
  });
});
