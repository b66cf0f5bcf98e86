import { afterAll, describe, expect, it } from "vitest";
import { MENTION_BEYOND } from "../../selector/model/features.js";
import { decide } from "../../selector/select/decide.js";
import { edit, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

describe("mention depth: how near to the change the names a test writes are", () => {
  const change = edit("mention-chain", "src/text.ts", "return value.trim();", "return value.trimStart();");

  it("is recorded for every affected test, and the graph alone still selects them all", async () => {
    const { result, evidence } = await scenario("mention-chain", change);
    const depth = (path: string) => evidence.find((e) => e.path === path)?.features.mentionDepth;
    // trim (changed) <- normalize <- field <- form: the form test writes only `form`.
    expect(depth("test/trim.test.ts")).toBe(0);
    expect(depth("test/field.test.ts")).toBe(2);
    expect(depth("test/form.test.ts")).toBe(MENTION_BEYOND);
    expect(selected(result)).toEqual(["test/field.test.ts", "test/form.test.ts", "test/trim.test.ts"]);
  });

  it("only a model's score can skip the test that names nothing near the change", async () => {
    const { evidence } = await scenario("mention-chain", change);
    const decisions = decide(evidence, { threshold: 0.85, granularity: "symbol", score: () => 0.01 });
    expect(decisions.filter((d) => d.selected).map((d) => d.test_path)).toEqual([
      "test/field.test.ts",
      "test/trim.test.ts",
    ]);
  });
});
