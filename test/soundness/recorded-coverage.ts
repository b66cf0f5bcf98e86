import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { vitestCoverageReporter } from "../../action/coverage/reporter-path.js";
import { diskReader, readRawCoverage, recordsFromRaw } from "../../selector/coverage/read-coverage.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { REPO_ROOT, type SoundnessCase } from "./cases.js";
import { runnerEnv } from "./run-runners.js";

const run = promisify(execFile);

/**
 * The coverage a case's base run records with the `{coverage}` reporter, as the action keeps it:
 * one Vitest process in the base folder (a failing test is a finding of its own, reported by the
 * ground-truth test, so the exit code is not the result). The records name the change repository's
 * base commit, whose files are the base folder's.
 */
export async function recordBaseCoverage(c: SoundnessCase): Promise<CoverageRecord[]> {
  const out = mkdtempSync(join(tmpdir(), "superplane-soundness-coverage-"));
  try {
    const vitest = join(REPO_ROOT, "node_modules/vitest/vitest.mjs");
    await run(process.execPath, [vitest, "run", `--reporter=${vitestCoverageReporter()}`, "--reporter=dot"], {
      cwd: c.baseDir,
      env: { ...runnerEnv(), SUPERPLANE_COVERAGE_DIR: out },
    }).catch(() => undefined);
    const raws = await readRawCoverage(out, c.baseDir, (message) => {
      throw new Error(`${c.name}: ${message}`);
    });
    const { stdout } = await run("git", ["rev-parse", "HEAD~1"], { cwd: c.changeDir });
    return await recordsFromRaw(raws, diskReader(c.baseDir), stdout.trim());
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
