import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

test("the shell script greets", () => {
  const out = execFileSync("sh", ["scripts/greet.sh", "Ada"], { cwd: join(__dirname, ".."), encoding: "utf8" });
  expect(out.trim()).toBe("Hello, Ada");
});
