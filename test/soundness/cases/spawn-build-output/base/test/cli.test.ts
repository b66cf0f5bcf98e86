import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { beforeAll, expect, test } from "vitest";

const ROOT = resolve(__dirname, "..");

// The build writes dist/ (not tracked): tsconfig's outDir "dist" from rootDir "src". tsc takes
// seconds, more on a loaded machine.
beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", ROOT]);
}, 120_000);

test("the built command line greets", () => {
  expect(execFileSync("node", [`${ROOT}/dist/cli.js`, "Ada"], { encoding: "utf8" }).trim()).toBe("Hello, Ada");
});
