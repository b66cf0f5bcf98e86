import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCollectorFlaky } from "../../selector/state/collector-flaky.js";
import { flakyInJob } from "../../selector/state/flaky-store.js";
import { parseJUnitCases } from "../../selector/state/junit-results.js";
import type { TempRepo } from "../../test/support/temp-repo.js";
import { makeCalcProject } from "../../test/support/vitest-project.js";
import { vitestCoverageReporter } from "./reporter-path.js";

const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));

let repo: TempRepo;
let out: string;

/**
 * A real Vitest run with `--retry 2` of a file whose first test fails once and passes on its
 * retry, with the coverage reporter (`{coverage}`) and the JUnit reporter, as the action runs it.
 */
beforeAll(() => {
  repo = makeCalcProject();
  repo.write(
    "test/flip.test.ts",
    'import { expect, test } from "vitest";\nlet tries = 0;\ntest("flips", () => {\n  tries += 1;\n  expect(tries).toBeGreaterThan(1);\n});\ntest("steady", () => expect(1).toBe(1));\n',
  );
  repo.commit("a test that passes on its second try");
  out = mkdtempSync(join(tmpdir(), "superplane-retry-"));
  execFileSync(
    process.execPath,
    [
      VITEST,
      "run",
      "--retry=2",
      `--reporter=${vitestCoverageReporter()}`,
      "--reporter=junit",
      `--outputFile.junit=${join(out, "junit.xml")}`,
    ],
    {
      cwd: repo.dir,
      env: { ...process.env, SUPERPLANE_COVERAGE_DIR: join(out, "raw"), CI: "1" },
      stdio: "pipe",
    },
  );
}, 60_000);

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

describe("a test that passed on Vitest's retry", () => {
  it("is noted by the coverage reporter, and only that file", async () => {
    const warnings: string[] = [];
    const flaky = await readCollectorFlaky(join(out, "raw"), repo.dir, (m) => warnings.push(m));
    expect(flaky).toEqual(["test/flip.test.ts"]);
    expect(warnings).toEqual([]);
  });

  it("reads as a plain pass in Vitest's JUnit report", () => {
    const cases = parseJUnitCases(readFileSync(join(out, "junit.xml"), "utf8"));
    expect(cases.find((c) => c.name.endsWith("flips"))).toMatchObject({
      file: "test/flip.test.ts",
      outcome: "passed",
    });
    expect(flakyInJob([cases])).toEqual([]);
  });
});
