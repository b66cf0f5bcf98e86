import { describe, expect, it } from "vitest";
import { changedKeys, isEnvFile } from "./env-files.js";

describe("env file variables", () => {
  it("names the variables added, removed or given another value", () => {
    const before = "# c\nA=1\nexport B=2\nC=3\n";
    const after = "A=1\nB=20\nD=4\n";
    expect(changedKeys(before, after)).toEqual(["B", "C", "D"]);
  });

  it("reads a quoted value across lines as one variable's", () => {
    const before = 'KEY="-----BEGIN\nabc\n-----END"\nNEXT=1\n';
    const after = 'KEY="-----BEGIN\nabd\n-----END"\nNEXT=1\n';
    expect(changedKeys(before, after)).toEqual(["KEY"]);
  });

  it("finds no change in comments, blank lines or order, and every variable of a new file", () => {
    expect(changedKeys("A=1\nB=2\n", "# note\n\nB=2\nA=1\n")).toEqual([]);
    expect(changedKeys(undefined, "A=1\nB=2\n")).toEqual(["A", "B"]);
  });

  it("knows env files by name, in any folder", () => {
    const named = [
      ".env",
      "packages/a/.env.test.local",
      ".env.production",
      "config/test.env",
      "ci.env.local",
    ];
    expect(named.every(isEnvFile)).toBe(true);
    expect(["env.ts", ".envrc", "src/.environment", "test.environment", "envs/a.json"].some(isEnvFile)).toBe(
      false,
    );
  });
});
