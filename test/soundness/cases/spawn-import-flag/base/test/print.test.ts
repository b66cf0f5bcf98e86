import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

test("the script prints what the preloaded module set", () => {
  const out = execFileSync(process.execPath, ["--import", "./src/setup.mjs", "src/print.mjs"], {
    cwd: join(__dirname, ".."),
    encoding: "utf8",
  });
  expect(out.trim()).toBe("Hello, Ada");
});
