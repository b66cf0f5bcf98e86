import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { relatedTests, runSuite, type SuiteSettings } from "./run-suite.js";

let repo: TempRepo | undefined;
let cacheDir: string | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  repo?.remove();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

/**
 * The smallest real runner: a node script that writes a vitest-shaped JSON report, failing the
 * test when src/value.txt says "bad", and counting its own runs in a file outside the repository.
 */
const RUNNER = `
const fs = require("node:fs");
const out = process.argv.find((a) => a.startsWith("--outputFile=")).slice(13);
fs.appendFileSync(process.env.RUNS_FILE, "run\\n");
const bad = fs.readFileSync("src/value.txt", "utf8").trim() === "bad";
fs.writeFileSync(out, JSON.stringify({ testResults: [
  { name: process.cwd() + "/test/a.test.ts", status: bad ? "failed" : "passed", startTime: 0, endTime: 5 },
]}));
`;

function settings(dir: string): SuiteSettings {
  cacheDir = mkdtempSync(join(tmpdir(), "superplane-eval-cache-"));
  return {
    repoDir: dir,
    cwd: dir,
    testCommand: "node runner.cjs",
    relatedCommand: "node runner.cjs",
    runner: "vitest",
    cacheDir,
    timeoutMs: 60_000,
  };
}

describe("runSuite", () => {
  it("runs the command at a revision, reads its report, and caches by tree", async () => {
    repo = makeTempRepo();
    repo.write("runner.cjs", RUNNER);
    repo.write("src/value.txt", "bad\n");
    const bad = repo.commit("bad");
    repo.write("src/value.txt", "good\n");
    const good = repo.commit("good");
    const s = settings(repo.dir);
    const runsFile = join(s.cacheDir, "runs.txt");
    vi.stubEnv("RUNS_FILE", runsFile);
    expect((await runSuite(s, bad)).get("test/a.test.ts")).toEqual({ outcome: "failed", durationMs: 5 });
    expect((await runSuite(s, good)).get("test/a.test.ts")?.outcome).toBe("passed");
    await runSuite(s, bad);
    expect(readFileSync(runsFile, "utf8")).toBe("run\nrun\n");
    const related = await relatedTests(s, good, ["src/value.txt"]);
    expect([...related.selected]).toEqual(["test/a.test.ts"]);
    // A clone at another path with the same cache runs nothing again.
    const runs = readFileSync(runsFile, "utf8");
    const clone = makeTempRepo();
    try {
      clone.git("fetch", "-q", repo.dir, "HEAD");
      const again = await runSuite({ ...s, repoDir: clone.dir, cwd: clone.dir }, bad);
      expect(again.get("test/a.test.ts")?.outcome).toBe("failed");
      expect(readFileSync(runsFile, "utf8")).toBe(runs);
    } finally {
      clone.remove();
    }
  });
});

describe("runSuite errors", () => {
  it("names the command and shows its output when it reports no test, and caches nothing", async () => {
    repo = makeTempRepo();
    repo.write("broken.cjs", 'console.log("cannot find vitest");\nprocess.exit(1);\n');
    const rev = repo.commit("broken runner");
    const s = { ...settings(repo.dir), testCommand: "node broken.cjs" };
    await expect(runSuite(s, rev)).rejects.toThrow(
      /reported no test .*node broken\.cjs.*\n.*cannot find vitest/s,
    );
    const kept = readdirSync(s.cacheDir).filter((f) => f.endsWith(".json") && !f.startsWith("report-"));
    expect(kept).toEqual([]);
  });
});
