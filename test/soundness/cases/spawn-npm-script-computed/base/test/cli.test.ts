import { execSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(__dirname, "..");
// The script's name is built at run time: which script runs is not known statically.
const script = ["gr", "eet"].join("");

test("the package script greets", () => {
  expect(execSync(`npm run --silent ${script} -- Ada`, { cwd: ROOT, encoding: "utf8" }).trim()).toBe("Hello, Ada");
});
