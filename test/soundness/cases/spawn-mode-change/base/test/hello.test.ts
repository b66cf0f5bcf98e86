import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

test("the script runs as a program", () => {
  const script = join(import.meta.dirname, "../scripts/hello.cjs");
  expect(execFileSync(script, { encoding: "utf8" })).toBe("hello\n");
});
