import { join } from "node:path";
import { expect, test } from "vitest";
import { runScript } from "./run-script.js";

test("the command line greets", () => {
  expect(runScript(join(__dirname, "..", "src", "cli.mjs"), "Ada")).toBe("Hello, Ada");
});
