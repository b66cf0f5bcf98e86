import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A test command's run: its wall time and where its JUnit report and coverage reporter wrote. */
export interface MeasuredRun {
  wallMs: number;
  junit: string;
  coverageDir: string;
  exitCode: number;
}

/**
 * Runs Vitest on `filters` in `workTree` as CI would, with SuperPlane's coverage reporter (the
 * file times) and a JUnit report, timing the command from spawn to exit. The artifacts go to
 * `outDir`; a run already there (its `wall.json`) is answered as measured, so an interrupted
 * replay resumes and a re-priced replay reuses the same ground truth.
 */
export async function runVitest(
  workTree: string,
  reporter: string,
  filters: readonly string[],
  outDir: string,
): Promise<MeasuredRun> {
  const run: MeasuredRun = {
    wallMs: 0,
    junit: join(outDir, "junit.xml"),
    coverageDir: join(outDir, "raw"),
    exitCode: 0,
  };
  const stamp = join(outDir, "wall.json");
  if (existsSync(stamp)) return { ...run, ...(JSON.parse(readFileSync(stamp, "utf8")) as object) };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const args = [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=dot",
    `--reporter=${reporter}`,
    "--reporter=junit",
    `--outputFile.junit=${run.junit}`,
    ...filters,
  ];
  const env = { ...process.env, CI: "1", SUPERPLANE_COVERAGE_DIR: run.coverageDir };
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: workTree,
      env,
      stdio: ["ignore", "ignore", "ignore"],
    });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  run.wallMs = Math.round(performance.now() - started);
  run.exitCode = exitCode;
  writeFileSync(stamp, JSON.stringify({ wallMs: run.wallMs, exitCode }));
  return run;
}
