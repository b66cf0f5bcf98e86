import { afterAll, describe, expect, it } from "vitest";
import {
  confidence,
  decision,
  fixtureText,
  removeScenarioRoot,
  scenario,
  selected,
  skipped,
} from "./harness.js";

afterAll(removeScenarioRoot);

const A = fixtureText("barrel", "src/a.ts");
const API = fixtureText("barrel", "src/api.ts");

/** Only a1's body changes; a2, b and the barrel stay as they were. */
const A1_BODY = { "src/a.ts": A.replace("return 1;", "return 11;") };

describe.concurrent("symbol level: names flow through the barrel", () => {
  it("a test importing the changed name via the barrel outscores one importing only unchanged names", async () => {
    const { result } = await scenario("barrel", A1_BODY);
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/other.test.ts", "test/unrelated.test.ts"]);
    const a1 = confidence(result, "test/a1.test.ts");
    const b = confidence(result, "test/b.test.ts");
    expect(a1).toBeGreaterThan(b);
    expect(a1).toBeGreaterThan(0.85);
    // At the default threshold the graph never skips a reachable test (docs/model.md).
    expect(b).toBeGreaterThan(0.15);
    expect(b).toBeLessThan(0.3);
    expect(decision(result, "test/b.test.ts").reasons.join(" ")).toContain("unchanged names");
    expect(decision(result, "test/a1.test.ts").reasons.join(" ")).toContain("a1");
  });

  it("threshold 0.7 skips the test reachable only through unchanged names", async () => {
    const { result } = await scenario("barrel", A1_BODY, { threshold: 0.7 });
    expect(result.confidence_threshold).toBe(0.7);
    expect(selected(result)).toEqual(["test/a1.test.ts"]);
    expect(skipped(result)).toEqual([
      "test/api.test.ts",
      "test/b.test.ts",
      "test/other.test.ts",
      "test/unrelated.test.ts",
    ]);
  });

  it("granularity file keeps every reachable test at threshold 0.7", async () => {
    const { result } = await scenario("barrel", A1_BODY, { threshold: 0.7, granularity: "file" });
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/other.test.ts", "test/unrelated.test.ts"]);
  });

  it("a private helper change reaches the exported function that calls it", async () => {
    const { result } = await scenario("barrel", { "src/api.ts": API.replace("value * 2", "value * 2 + 0") });
    expect(selected(result)).toEqual(["test/api.test.ts", "test/other.test.ts"]);
    expect(skipped(result)).toEqual(["test/a1.test.ts", "test/b.test.ts", "test/unrelated.test.ts"]);
    expect(confidence(result, "test/api.test.ts")).toBeGreaterThan(0.9);
    expect(confidence(result, "test/other.test.ts")).toBeLessThan(0.3);
    expect(decision(result, "test/api.test.ts").reasons.join(" ")).toContain("api");
  });

  it("a removed export is found through the base version: its importers score high", async () => {
    const removed = API.slice(0, API.indexOf("export function other"));
    expect(removed).toContain("export function api");
    const { result } = await scenario("barrel", { "src/api.ts": removed });
    expect(selected(result)).toEqual(["test/api.test.ts", "test/other.test.ts"]);
    expect(skipped(result)).toEqual(["test/a1.test.ts", "test/b.test.ts", "test/unrelated.test.ts"]);
    expect(confidence(result, "test/other.test.ts")).toBeGreaterThan(0.9);
    expect(confidence(result, "test/api.test.ts")).toBeLessThan(0.3);
  });

  it("a comment-only change keeps the importers selected at the default threshold", async () => {
    const { result } = await scenario("barrel", { "src/a.ts": `// Counting starts at one.\n${A}` });
    expect(result.confidence_threshold).toBe(0.85);
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/other.test.ts", "test/unrelated.test.ts"]);
  });
});
