import { afterAll, describe, expect, it } from "vitest";
import { fixtureText, removeScenarioRoot, scenario, selected, skipped } from "./harness.js";

afterAll(removeScenarioRoot);

describe.concurrent("bad input", () => {
  it("a file with a syntax error still yields its imports, with a warning", async () => {
    const { result } = await scenario("syntax-error", {
      "src/dep.ts": "export function dep(): number {\n  return 2;\n}\n",
    });
    expect(selected(result)).toEqual(["test/broken.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/broken.ts" }),
    );
  });

  it("a change that introduces a syntax error selects the file's tests", async () => {
    const { result } = await scenario("syntax-error", {
      "src/dep.ts": "export function dep(): number {\n  return 2 +;\n}\n",
    });
    expect(selected(result)).toEqual(["test/broken.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "SYNTAX_ERROR", file: "src/dep.ts" }),
    );
  });

  it("an import cycle terminates", async () => {
    const pong = fixtureText("import-cycle", "src/pong.ts");
    const { result } = await scenario("import-cycle", { "src/pong.ts": pong.replace('"pong"', '"PONG"') });
    expect(selected(result)).toEqual(["test/ping.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a binary file change", async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x00, 0x02,
    ]);
    const { result } = await scenario("binary-change", { "assets/logo.png": png });
    expect(result.changed_files).toEqual([{ path: "assets/logo.png", status: "modified" }]);
    expect(selected(result)).toEqual(["test/logo.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
  });

  it("a path with a space and a non-ASCII letter", async () => {
    const { result } = await scenario("unicode-path", {
      "src/naïve file.ts": 'export function naive(): string {\n  return "naïve!";\n}\n',
    });
    expect(result.changed_files.map((c) => c.path)).toEqual(["src/naïve file.ts"]);
    expect(selected(result)).toEqual(["test/naive.test.ts"]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.warnings).toEqual([]);
  });

  it("an empty diff selects nothing", async () => {
    const { result } = await scenario("empty-diff", {});
    expect(result.mode).toBe("selective");
    expect(result.changed_files).toEqual([]);
    expect(selected(result)).toEqual([]);
    expect(skipped(result)).toEqual(["test/unrelated.test.ts"]);
    expect(result.tests_total).toBe(1);
  });
});
