import { expect, test } from "vitest";

declare const __VERSION__: string;

test("reports the version", () => {
  expect(__VERSION__).toBe("1.0.0");
});
