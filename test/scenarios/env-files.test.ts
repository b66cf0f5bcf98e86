import { afterAll, describe, expect, it } from "vitest";
import { decision, removeScenarioRoot, scenario, selected } from "./harness.js";

afterAll(removeScenarioRoot);

/**
 * test/fixtures/env-files: `.env` holds PORT and VITE_TITLE; port.ts reads `process.env.PORT`,
 * title.ts `import.meta.env.VITE_TITLE`, settings.ts `process.env[\`APP_${name}\`]` (any key), and
 * plain.test.ts loads no code that reads the environment.
 */
describe.concurrent("env files", () => {
  it("a changed variable keeps the tests whose code reads it, and those reading keys built at run time, with a warning", async () => {
    const { result } = await scenario("env-files", { ".env": "# Settings\nPORT=4000\nVITE_TITLE=Docs\n" });
    expect(selected(result)).toEqual(["test/port.test.ts", "test/settings.test.ts"]);
    expect(decision(result, "test/port.test.ts").reasons.join(" ")).toMatch(
      /\.env changed PORT, which src\/port\.ts:1 reads/,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: "ENV_FILE", file: "src/settings.ts", line: 1 }),
    );
  });

  it("an env file loaded by path under a name of its own (config/test.env) counts too", async () => {
    const { result } = await scenario("env-files", { "config/test.env": "PORT=5000\n" });
    expect(selected(result)).toEqual(["test/port.test.ts", "test/settings.test.ts"]);
    expect(decision(result, "test/port.test.ts").reasons.join(" ")).toMatch(/config\/test\.env changed PORT/);
  });

  it("a new mode file counts its variables as changed", async () => {
    const { result } = await scenario("env-files", { ".env.test": "VITE_TITLE=Test docs\n" });
    expect(selected(result)).toEqual(["test/settings.test.ts", "test/title.test.ts"]);
  });

  it("a change to comments or order alone changes no variable and keeps nothing", async () => {
    const { result } = await scenario("env-files", { ".env": "VITE_TITLE=Docs\n# the port\nPORT=3000\n" });
    expect(selected(result)).toEqual([]);
    expect(result.warnings.filter((w) => w.code === "ENV_FILE")).toEqual([]);
  });
});
