import { join } from "node:path";
import { expect, test } from "vitest";
import { runScript } from "./run-script.js";

test("the counting command counts its arguments", () => {
  expect(runScript(join(__dirname, "..", "src", "count-cli.mjs"), "a", "b")).toBe("2");
});
