import { createRequire } from "node:module";
import { expect, test } from "vitest";

test("labels", () => {
  const { label } = createRequire(import.meta.url)("../src/legacy.cjs") as { label(): string };
  expect(label()).toBe("legacy");
});
