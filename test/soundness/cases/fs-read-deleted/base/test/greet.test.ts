import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { greet } from "../src/greet.js";

test("greets as the fixture expects", () => {
  expect(greet("Ada")).toBe(readFileSync(join(__dirname, "fixtures", "expected.txt"), "utf8").trim());
});
