import { join } from "node:path";
import execa from "execa";
import { expect, test } from "vitest";

test("the command line greets", () => {
  expect(execa.sync("node", [join(__dirname, "..", "src", "cli.mjs"), "Ada"]).stdout).toBe("Hello, Ada");
});
