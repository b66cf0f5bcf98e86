import { execSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(__dirname, "..");

test("the package script greets", () => {
  expect(execSync("npm run --silent greet -- Ada", { cwd: ROOT, encoding: "utf8" }).trim()).toBe("Hello, Ada");
});
