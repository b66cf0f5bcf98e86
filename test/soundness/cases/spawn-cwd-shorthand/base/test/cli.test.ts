import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

const cwd = join(__dirname, "..", "src");

test("the command line greets", () => {
  const out = execFileSync(process.execPath, ["cli.mjs", "Ada"], { cwd, encoding: "utf8" });
  expect(out.trim()).toBe("Hello, Ada");
});
