import { describe, expect, it } from "vitest";
import { unreachableFeatures } from "./features.js";
import { NO_HISTORY } from "./history.js";
import { type Example, trainModel } from "./train.js";
import { inputVector, scoreTest } from "./trained-model.js";

const graph = (reachable: boolean, symbolHit: boolean) => ({
  ...unreachableFeatures(false),
  reachable,
  symbolHit,
  distance: reachable ? 2 : 0,
  changedFilesReaching: reachable ? 1 : 0,
  maxFanIn: reachable ? 3 : 0,
});

/** Symbol hits fail half the time, tests reached only through unchanged names and the rest never. */
function examples(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 40; i++) {
    out.push({ x: inputVector(graph(true, true), NO_HISTORY), failed: i % 2 === 0 });
    out.push({ x: inputVector(graph(true, false), NO_HISTORY), failed: false });
    out.push({ x: inputVector(graph(false, false), NO_HISTORY), failed: false });
  }
  // A test outside the graph that changes with the source in git fails too.
  for (let i = 0; i < 10; i++) {
    out.push({ x: inputVector(graph(false, false), { ...NO_HISTORY, coChange: 0.6 }), failed: i % 3 === 0 });
  }
  return out;
}

describe("trainModel", () => {
  it("learns which graph and history signals go with failures", () => {
    const model = trainModel(examples())!;
    expect(model.failures).toBe(24);
    const hit = scoreTest(model, graph(true, true), NO_HISTORY);
    const nameOnly = scoreTest(model, graph(true, false), NO_HISTORY);
    const none = scoreTest(model, graph(false, false), NO_HISTORY);
    const coChanged = scoreTest(model, graph(false, false), { ...NO_HISTORY, coChange: 0.6 });
    // Symbol hits failed in half the runs: after the prior correction, the prediction says so.
    expect(hit).toBeCloseTo(0.5, 1);
    expect(nameOnly).toBeLessThan(0.15);
    expect(none).toBeLessThan(0.15);
    expect(coChanged).toBeGreaterThan(none);
  });

  it("weights rare failures up and reports predicted against observed rates", () => {
    const model = trainModel(examples())!;
    expect(model.positiveWeight).toBe(Math.round((model.examples - 24) / 24));
    const total = model.calibration.reduce((n, b) => n + b.examples, 0);
    expect(total).toBe(model.examples);
    for (const bucket of model.calibration) {
      expect(bucket.predicted).toBeGreaterThanOrEqual(bucket.from);
      expect(bucket.predicted).toBeLessThan(bucket.to + 1e-9);
    }
  });

  it("undoes the class weighting, so predictions match observed failure rates", () => {
    const model = trainModel(examples())!;
    expect(model.logitOffset).toBeCloseTo(-Math.log(model.positiveWeight));
    const predicted = model.calibration.reduce((sum, b) => sum + b.predicted * b.examples, 0);
    expect(predicted / model.examples).toBeCloseTo(24 / model.examples, 1);
    const unweighted = { ...model, logitOffset: 0 };
    expect(scoreTest(unweighted, graph(true, true), NO_HISTORY)).toBeGreaterThan(0.7);
  });

  it("learns nothing without both outcomes", () => {
    expect(trainModel([{ x: inputVector(graph(true, true), NO_HISTORY), failed: false }])).toBeUndefined();
  });
});
