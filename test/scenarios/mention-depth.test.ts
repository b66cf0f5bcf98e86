import { afterAll, describe, expect, it } from "vitest";
import { MENTION_BEYOND } from "../../selector/model/features.js";
import { decide } from "../../selector/select/decide.js";
import { edit, fixtureText, removeScenarioRoot, scenario, selected } from "./harness.js";

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
    // Depths follow no types, so a test a type checker reads gets none: it stays protected. Nor
    // does one that a mock factory ties to the change, whatever names it writes.
    expect(depth("test/form.test-d.ts")).toBeUndefined();
    expect(depth("test/mocked.test.ts")).toBeUndefined();
    expect(selected(result)).toEqual([
      "test/barrel.test.ts",
      "test/field.test.ts",
      "test/form.test-d.ts",
      "test/form.test.ts",
      "test/mocked.test.ts",
      "test/trim.test.ts",
    ]);
  });

  it("a name of a file the change makes count whole is near, however far its declarations are", async () => {
    // The removed star line makes the barrel hand out anything: `form` is affected through it directly.
    const { evidence } = await scenario("mention-chain", { "src/index.ts": 'export * from "./form.js";\n' });
    const barrel = evidence.find((e) => e.path === "test/barrel.test.ts");
    expect(barrel?.features).toMatchObject({ symbolHit: true, mentionDepth: 0 });
  });

  it("a helper a module keeps to itself is near only under the names it goes out as", async () => {
    const text = fixtureText("mention-chain", "src/text.ts").replace(
      "return value.trim();",
      "return every(value);",
    );
    const { evidence } = await scenario("mention-chain", {
      "src/text.ts": `${text}\nfunction every(value: string): string {\n  return value.trim();\n}\n`,
    });
    // The form test writes "every" in its title; text.ts's own `every` is not what it means.
    const form = evidence.find((e) => e.path === "test/form.test.ts");
    expect(form?.features).toMatchObject({ symbolHit: true, mentionDepth: MENTION_BEYOND });
    expect(evidence.find((e) => e.path === "test/trim.test.ts")?.features.mentionDepth).toBe(0);
  });

  it("a test whose imports run changed code as they load gets no depth: it stays protected", async () => {
    const text = fixtureText("mention-chain", "src/form.ts");
    const { evidence } = await scenario("mention-chain", {
      "src/form.ts": `${text}\nexport const registered = [normalize("X")];\n`,
      "src/text.ts": fixtureText("mention-chain", "src/text.ts").replace("value.trim()", "value.trimEnd()"),
    });
    const form = evidence.find((e) => e.path === "test/form.test.ts");
    expect(form?.features.symbolHit).toBe(true);
    expect(form?.features.mentionDepth).toBeUndefined();
  });

  it("not even a model's score skips the test that names nothing near the change", async () => {
    const { evidence } = await scenario("mention-chain", change);
    const decisions = decide(evidence, { threshold: 0.85, granularity: "symbol", score: () => 0.01 });
    expect(decisions.filter((d) => d.selected).map((d) => d.test_path)).toEqual([
      "test/barrel.test.ts",
      "test/field.test.ts",
      "test/form.test-d.ts",
      "test/form.test.ts",
      "test/mocked.test.ts",
      "test/trim.test.ts",
    ]);
  });
});
