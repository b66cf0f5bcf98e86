import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { vitestCoverageReporter } from "../../action/coverage/reporter-path.js";
import { makeTempRepo, type TempRepo } from "./temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `calc(op)` calls `doAdd` or `doMul`: a test of one reaches the other by name, never runs it. */
export const CALC = (mul = "a * b") =>
  [
    "export const LIMIT = 10;",
    "function doAdd(a: number, b: number): number {",
    "  return Math.min(a + b, LIMIT);",
    "}",
    "function doMul(a: number, b: number): number {",
    `  return ${mul};`,
    "}",
    "export function calc(op: string, a: number, b: number): number {",
    '  return op === "add" ? doAdd(a, b) : doMul(a, b);',
    "}",
    "",
  ].join("\n");

/** A Vitest test file of `calc(op, 2, 3)`. */
export const TEST = (op: string, want: number) =>
  `import { expect, test } from "vitest";\nimport { calc } from "../src/calc";\ntest("${op}", () => expect(calc("${op}", 2, 3)).toBe(${want}));\n`;

/**
 * A committed two-test Vitest project: test/add.test.ts and test/mul.test.ts over src/calc.ts,
 * with this repository's node_modules linked in so Vitest resolves.
 */
export function makeCalcProject(): TempRepo {
  const repo = makeTempRepo();
  symlinkSync(join(ROOT, "node_modules"), join(repo.dir, "node_modules"));
  repo.write(".gitignore", "node_modules\n");
  repo.write("package.json", '{ "type": "module", "devDependencies": { "vitest": "*" } }\n');
  repo.write("src/calc.ts", CALC());
  repo.write("test/add.test.ts", TEST("add", 5));
  repo.write("test/mul.test.ts", TEST("mul", 6));
  repo.commit("calc with its tests");
  return repo;
}

/** Runs the project's tests with the coverage collector writing into `out`. */
export function runWithCoverage(dir: string, out: string): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/vitest/vitest.mjs"),
      "run",
      `--reporter=${vitestCoverageReporter()}`,
      "--reporter=dot",
    ],
    { cwd: dir, env: { ...process.env, SUPERPLANE_COVERAGE_DIR: out, CI: "1" }, stdio: "pipe" },
  );
}
