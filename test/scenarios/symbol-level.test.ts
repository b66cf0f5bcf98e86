import { afterAll, describe, expect, it } from "vitest";
import {
  confidence,
  decision,
  edit,
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
  it("a test importing the changed name via the barrel is selected; one importing only unchanged names is not", async () => {
    const { result } = await scenario("barrel", A1_BODY);
    expect(selected(result)).toEqual(["test/a1.test.ts"]);
    expect(skipped(result)).toEqual([
      "test/api.test.ts",
      "test/b.test.ts",
      "test/other.test.ts",
      "test/unrelated.test.ts",
    ]);
    const a1 = confidence(result, "test/a1.test.ts");
    const b = confidence(result, "test/b.test.ts");
    expect(a1).toBeGreaterThan(0.85);
    // Reached through the barrel, but only through names the change did not affect (docs/model.md).
    expect(b).toBeLessThan(0.15);
    expect(b).toBeGreaterThan(confidence(result, "test/unrelated.test.ts"));
    expect(decision(result, "test/b.test.ts").reasons.join(" ")).toContain("unchanged names");
    expect(decision(result, "test/a1.test.ts").reasons.join(" ")).toContain("a1");
  });

  it("a cautious threshold (0.95) keeps the test reachable only through unchanged names", async () => {
    const { result } = await scenario("barrel", A1_BODY, { threshold: 0.95 });
    expect(result.confidence_threshold).toBe(0.95);
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/other.test.ts", "test/unrelated.test.ts"]);
  });

  it("granularity file keeps every reachable test", async () => {
    const { result } = await scenario("barrel", A1_BODY, { granularity: "file" });
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(skipped(result)).toEqual(["test/api.test.ts", "test/other.test.ts", "test/unrelated.test.ts"]);
  });

  it("a private helper change reaches the exported function that calls it", async () => {
    const { result } = await scenario("barrel", { "src/api.ts": API.replace("value * 2", "value * 2 + 0") });
    expect(selected(result)).toEqual(["test/api.test.ts"]);
    expect(skipped(result)).toEqual([
      "test/a1.test.ts",
      "test/b.test.ts",
      "test/other.test.ts",
      "test/unrelated.test.ts",
    ]);
    expect(confidence(result, "test/api.test.ts")).toBeGreaterThan(0.9);
    expect(confidence(result, "test/other.test.ts")).toBeLessThan(0.15);
    expect(decision(result, "test/api.test.ts").reasons.join(" ")).toContain("api");
  });

  it("a removed export is found through the base version: its importers are selected", async () => {
    const removed = API.slice(0, API.indexOf("export function other"));
    expect(removed).toContain("export function api");
    const { result } = await scenario("barrel", { "src/api.ts": removed });
    expect(selected(result)).toEqual(["test/other.test.ts"]);
    expect(confidence(result, "test/other.test.ts")).toBeGreaterThan(0.9);
    expect(confidence(result, "test/api.test.ts")).toBeLessThan(0.15);
  });

  it("a comment-only change selects nothing at the default threshold, every importer at file level", async () => {
    const change = { "src/a.ts": `// Counting starts at one.\n${A}` };
    const { result } = await scenario("barrel", change);
    expect(result.confidence_threshold).toBe(0.85);
    expect(selected(result)).toEqual([]);
    expect(decision(result, "test/a1.test.ts").reasons.join(" ")).toContain("unchanged names");
    const file = await scenario("barrel", change, { granularity: "file" });
    expect(selected(file.result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
  });

  it("a comment or a reindent inside a function changes nothing; an edit of its code does", async () => {
    const commented = A.replace("  return 1;", "  // The first one.\n    return 1; /* counted */");
    const { result } = await scenario("barrel", { "src/a.ts": commented });
    expect(selected(result)).toEqual([]);
    const literal = await scenario("barrel", { "src/a.ts": A.replace("return 1;", "return 1 ;") });
    expect(selected(literal.result)).toEqual([]);
    const code = await scenario("barrel", { "src/a.ts": A.replace("return 1;", "return 1 + 0; // same") });
    expect(selected(code.result)).toEqual(["test/a1.test.ts"]);
  });

  it("a comment line added inside a function, with no line removed, changes nothing either", async () => {
    const { result } = await scenario("barrel", {
      "src/a.ts": A.replace("  return 1;", "  // One.\n  return 1;"),
    });
    expect(selected(result)).toEqual([]);
  });

  it("a changed top-level statement selects every test that loads the file, whatever names it takes", async () => {
    const { result } = await scenario("barrel", { "src/a.ts": `${A}\nglobalThis.counted = true;\n` });
    expect(selected(result)).toEqual(["test/a1.test.ts", "test/b.test.ts"]);
    expect(decision(result, "test/b.test.ts").reasons.join(" ")).toContain("runs changed top-level code");
  });
});

describe.concurrent("symbol level: code that runs as a module loads", () => {
  it("a function handed to a call at load can be called through anything: its change selects every loader", async () => {
    const { result } = await scenario("registry", edit("registry", "src/greeting.ts", '"hello"', '"hi"'));
    // lookup.test.ts never names greeting, but lookup() calls the function greeting.ts registered.
    expect(selected(result)).toEqual(["test/lookup.test.ts", "test/shout.test.ts"]);
    expect(decision(result, "test/lookup.test.ts").reasons.join(" ")).toContain(
      "runs changed top-level code",
    );
  });

  it("a function called at load changes what loading runs", async () => {
    const { result } = await scenario(
      "registry",
      edit("registry", "src/registry.ts", "entries.set(name, make);", "entries.set(name.trim(), make);"),
    );
    expect(selected(result)).toEqual(["test/lookup.test.ts", "test/shout.test.ts"]);
  });

  it("a function nothing calls at load stays with its users", async () => {
    const { result } = await scenario(
      "registry",
      edit("registry", "src/greeting.ts", "text.toUpperCase()", "text.toLocaleUpperCase()"),
    );
    expect(selected(result)).toEqual(["test/shout.test.ts"]);
    expect(skipped(result)).toEqual(["test/lookup.test.ts"]);
  });
});

describe.concurrent("symbol level: changes only a type checker sees", () => {
  it("a changed interface selects the type tests that use it, not the tests a runner strips types from", async () => {
    const { result } = await scenario(
      "types-only",
      edit("types-only", "src/shape.ts", "  height: number;\n}", "  height: number;\n  depth?: number;\n}"),
    );
    expect(selected(result)).toEqual(["test/area.test-d.ts"]);
    expect(skipped(result)).toEqual(["test/area.test.ts", "test/square.test.ts"]);
    expect(decision(result, "test/area.test.ts").reasons.join(" ")).toContain(
      "uses changed types only, and its runner does not type-check it",
    );
  });

  it("a changed value beside a type of the same name is a runtime change", async () => {
    const { result } = await scenario(
      "types-only",
      edit("types-only", "src/shape.ts", "width: side, height: side", "width: side, height: side * 1"),
    );
    expect(selected(result)).toEqual(["test/area.test-d.ts", "test/square.test.ts"]);
    expect(skipped(result)).toEqual(["test/area.test.ts"]);
  });

  it("a runner that type-checks its tests is read by a type change, unless the run has no type checker", async () => {
    const change = {
      "test/globals.d.ts": "declare const APP_VERSION: string;\ndeclare const APP_NAME: string;\n",
    };
    const checked = await scenario("reference-path", change);
    expect(selected(checked.result)).toEqual(["test/version.test.ts"]);
    const runtime = await scenario("reference-path", change, { typeCheck: false });
    expect(selected(runtime.result)).toEqual([]);
    expect(decision(runtime.result, "test/version.test.ts").reasons.join(" ")).toContain(
      "uses changed types only, and its runner does not type-check it",
    );
  });

  it("a changed function body selects its runtime tests and its type tests", async () => {
    const { result } = await scenario(
      "types-only",
      edit("types-only", "src/area.ts", "shape.width * shape.height", "shape.height * shape.width"),
    );
    expect(selected(result)).toEqual(["test/area.test-d.ts", "test/area.test.ts"]);
  });

  it("a changed annotation of a function selects its type tests, not the tests a runner strips types from", async () => {
    const { result } = await scenario(
      "types-only",
      edit("types-only", "src/area.ts", "(shape: Shape): number", "(shape: Shape): number | string"),
    );
    expect(selected(result)).toEqual(["test/area.test-d.ts"]);
    expect(skipped(result)).toEqual(["test/area.test.ts", "test/square.test.ts"]);
  });
});
