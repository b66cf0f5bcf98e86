import { describe, expect, it } from "vitest";
import { scriptsChangeIsInert } from "./script-change.js";

const base = { test: "vitest run", build: "tsdown", "lint:ts": "tsc" };

describe("scriptsChangeIsInert", () => {
  it("a new script nothing calls is inert", () => {
    expect(scriptsChangeIsInert(base, { ...base, backport: "tsx scripts/backport.ts" })).toBe(true);
    expect(scriptsChangeIsInert(undefined, { release: "bumpp" })).toBe(true);
  });

  it("an edited or removed script is not", () => {
    expect(scriptsChangeIsInert(base, { ...base, test: "vitest run --typecheck" })).toBe(false);
    const { build: _removed, ...rest } = base;
    expect(scriptsChangeIsInert(base, rest)).toBe(false);
  });

  it("a new hook, lifecycle script, or one another script calls by name or wildcard is not", () => {
    expect(scriptsChangeIsInert(base, { ...base, pretest: "pnpm build" })).toBe(false);
    expect(scriptsChangeIsInert(base, { ...base, postinstall: "patch-package" })).toBe(false);
    expect(
      scriptsChangeIsInert(
        { ...base, ci: "pnpm build && pnpm gen" },
        { ...base, ci: "pnpm build && pnpm gen", gen: "x" },
      ),
    ).toBe(false);
    expect(
      scriptsChangeIsInert(
        { ...base, all: "run-p lint:*" },
        { ...base, all: "run-p lint:*", "lint:css": "stylelint" },
      ),
    ).toBe(false);
  });

  it("scripts that are not an object of strings are a change", () => {
    expect(scriptsChangeIsInert(base, "echo")).toBe(false);
    expect(scriptsChangeIsInert(base, { ...base, odd: 1 })).toBe(false);
  });
});
