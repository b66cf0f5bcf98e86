import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

test("the command line greets", () => {
  const out = execFileSync(process.execPath, ["cli.mjs", "Ada"], { cwd: join(__dirname, "..", "src"), encoding: "utf8" });
  expect(out.trim()).toBe("Hello, Ada");
});
