import { execSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(__dirname, "..");

test("the command line greets", () => {
  expect(execSync(`node ${ROOT}/src/cli.mjs Ada`, { encoding: "utf8" }).trim()).toBe("Hello, Ada");
});
