import { describe, expect, it } from "vitest";
import { extractRunnerConfig } from "../extract/runner-config.js";
import { presetFile, presetPaths, withLocalPresets } from "./jest-presets.js";
import type { RunnerConfigFile } from "./runner-projects.js";

const PRESET = `module.exports = {
  setupFiles: ["./tools/setup-globals.js"],
  setupFilesAfterEnv: ["<rootDir>/tools/after-env.js"],
  moduleNameMapper: { "^greeting$": "<rootDir>/src/greeting.js" },
  transform: { "\\\\.txt$": "<rootDir>/tools/text-transform.js" },
  testEnvironment: require("./env-name"),
};`;

const texts: Record<string, string> = {
  "app/jest.config.js": `module.exports = { preset: "./tools/jest-preset.js", setupFiles: ["./own.js"] };`,
  "app/tools/jest-preset.js": PRESET,
  "lost/jest.config.js": `module.exports = { preset: "./missing-preset" };`,
};
const paths = new Set(Object.keys(texts));

function configFile(path: string): RunnerConfigFile {
  return {
    path,
    dir: path.slice(0, path.lastIndexOf("/")),
    config: extractRunnerConfig(path, texts[path]!)!,
  };
}

describe("local Jest presets", () => {
  it("finds a preset path from the project's root, with the extensions Jest tries", () => {
    expect(presetFile("./tools/jest-preset", "app", paths)).toBe("app/tools/jest-preset.js");
    expect(presetFile("<rootDir>/tools/jest-preset.js", "app", paths)).toBe("app/tools/jest-preset.js");
    expect(presetFile("./tools/jest-preset", "", paths)).toBeUndefined();
    expect(presetPaths([configFile("app/jest.config.js")], paths)).toEqual(["app/tools/jest-preset.js"]);
  });

  it("counts what the preset names as the config's own: setup files, mappers, transforms", () => {
    const { config } = withLocalPresets(configFile("app/jest.config.js"), paths, (p) => texts[p]);
    expect(config.setupFiles).toEqual([
      "./tools/jest-preset.js",
      "./own.js",
      "./tools/setup-globals.js",
      "<rootDir>/tools/after-env.js",
      "<rootDir>/tools/text-transform.js",
    ]);
    expect(config.aliases.map((a) => a.targets)).toEqual([["<rootDir>/src/greeting.js"]]);
  });

  it("reports an option the preset hides at the preset's file and line", () => {
    const { config } = withLocalPresets(configFile("app/jest.config.js"), paths, (p) => texts[p]);
    expect(config.unread).toEqual([
      { key: "testEnvironment", line: 6, text: 'require("./env-name")', file: "app/tools/jest-preset.js" },
    ]);
  });

  it("keeps the project's tests when a preset path names no file", () => {
    const { config } = withLocalPresets(configFile("lost/jest.config.js"), paths, (p) => texts[p]);
    expect(config.unread).toEqual([
      { key: "preset", line: 0, text: "./missing-preset (names no file of the repository)" },
    ]);
  });
});
