import { execFile, execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../action/service/http-client.js";
import { ServiceApi } from "../../action/service/service-api.js";
import { ROOT } from "../../scripts/bundle-action.js";
import { unreachableFeatures } from "../../selector/model/features.js";
import { gitIn } from "../support/temp-repo.js";
import { CALC, TEST } from "../support/vitest-project.js";
import { startLoopbackService } from "./loopback-service.js";
import { E2E_POLICY, linkVitest } from "./sample-repo.js";

/**
 * examples/other-ci.md's script, as GitLab CI or CircleCI would run it: select, the tests, report;
 * the next job in a fresh clone gets `.git/superplane/` back from the CI's cache and selects with
 * the coverage the first recorded, as the action does without a service.
 */
let root: string;
let origin: string;
let bin: string;
const shas: string[] = [];

function write(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** The first sh block after `heading` in examples/other-ci.md. */
function script(heading = "**Durations and coverage.**"): string {
  const text = readFileSync(join(ROOT, "examples", "other-ci.md"), "utf8");
  const after = text.slice(text.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(after);
  if (!block) throw new Error(`examples/other-ci.md: no sh block after ${heading}`);
  return block[1]!;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "superplane-e2e-other-ci-"));
  const src = join(root, "src-repo");
  mkdirSync(src);
  const git = (...args: string[]) => gitIn(src, args).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "SuperPlane Test");
  git("config", "user.email", "test@superplane.invalid");
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    shas.push(git("rev-parse", "HEAD"));
  };
  write(src, "package.json", '{ "name": "calc", "private": true, "type": "module" }\n');
  write(src, ".gitignore", "node_modules/\nreports/\n.coverage-raw/\nselected.txt\n");
  write(src, ".superplane/policy.yml", E2E_POLICY);
  commit("start");
  write(src, "src/calc.ts", CALC());
  write(src, "test/add.test.ts", TEST("add", 5));
  write(src, "test/mul.test.ts", TEST("mul", 6));
  commit("calc with its tests");
  write(src, "src/calc.ts", CALC().replace("Math.min(a + b, LIMIT)", "Math.min(b + a, LIMIT)"));
  commit("doAdd: b + a");
  origin = join(root, "origin.git");
  gitIn(root, ["clone", "-q", "--bare", src, origin]);
  // `superplane` on the PATH, as `npm install --global` puts it.
  bin = join(root, "bin");
  mkdirSync(bin);
  writeFileSync(
    join(bin, "superplane"),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "superplane.js")}" "$@"\n`,
  );
  chmodSync(join(bin, "superplane"), 0o755);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

let jobs = 0;

/** A fresh clone at shas[index], the previous commit as origin/base, the cache restored from `from`. */
function job(index: number, from?: string): string {
  jobs += 1;
  const workspace = join(root, `job-${jobs}`);
  gitIn(root, ["clone", "-q", `file://${origin}`, workspace]);
  gitIn(workspace, ["checkout", "-q", shas[index]!]);
  gitIn(workspace, ["update-ref", "refs/remotes/origin/base", shas[index - 1]!]);
  linkVitest(workspace, join(ROOT, "node_modules"));
  if (from)
    cpSync(join(from, ".git", "superplane"), join(workspace, ".git", "superplane"), { recursive: true });
  runScript(workspace, script());
  return workspace;
}

const scriptEnv = (env: Record<string, string> = {}) => ({
  PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`,
  HOME: process.env.HOME,
  BASE: "base",
  CI: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  ...env,
});

function runScript(workspace: string, text: string): void {
  execFileSync("bash", ["-e", "-c", text], { cwd: workspace, env: scriptEnv(), stdio: "pipe" });
}

const selected = (workspace: string) =>
  readFileSync(join(workspace, "selected.txt"), "utf8").split("\n").filter(Boolean);

describe("examples/other-ci.md with the folder cached between jobs", { timeout: 120_000 }, () => {
  it("selects in the next job with the durations and coverage the first kept", () => {
    const first = job(1);
    expect(selected(first)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
    const kept = JSON.parse(readFileSync(join(first, ".git", "superplane", "coverage.json"), "utf8"));
    expect(kept.records.map((r: { test: string }) => r.test)).toEqual([
      "test/add.test.ts",
      "test/mul.test.ts",
    ]);
    // Each file's whole time (set-up and import, its share of the wall time), not JUnit's milliseconds.
    const durations = JSON.parse(readFileSync(join(first, ".git", "superplane", "durations.json"), "utf8"));
    const shares = Object.values(durations.tests as Record<string, { duration_ms: number }>);
    expect(shares.reduce((sum, d) => sum + d.duration_ms, 0)).toBeGreaterThan(500);
    // doAdd changed: the graph keeps both, mul.test.ts's record clears it.
    const second = job(2, first);
    expect(selected(second)).toEqual(["test/add.test.ts"]);
  });

  it("reports the run's results and coverage to a run the service made, as documented", async () => {
    const workspace = job(1);
    const service = await startLoopbackService(root);
    const http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
    try {
      const api = new ServiceApi(http);
      const repoId = await api.connectRepo("acme/calc");
      const tests = ["test/add.test.ts", "test/mul.test.ts"].map((path) => ({
        path,
        features: unreachableFeatures(false),
      }));
      const { runId } = await api.decide(
        { repo_id: repoId, commit_sha: shas[1]!, changed_files: [], tests, full_reason: "first run" },
        { policyRef: `${shas[1]}:.superplane/policy.yml` },
      );
      // Asynchronously: the service answers from this process.
      await promisify(execFile)("bash", ["-e", "-c", script("**Report results of your own selection.**")], {
        cwd: workspace,
        env: scriptEnv({
          SUPERPLANE_API_URL: service.apiUrl,
          SUPERPLANE_TOKEN: service.token,
          SUPERPLANE_COVERAGE_DIR: join(workspace, ".coverage-raw"),
          RUN_ID: runId,
        }),
      });
      const run = await service.get<{ status: string; results: { test_path: string }[] }>(`/runs/${runId}`);
      expect(run.status).toBe("passed");
      expect(run.results.map((r) => r.test_path).sort()).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
      const records = await api.coverageRecords(repoId, ["test/add.test.ts", "test/mul.test.ts"]);
      expect(records.map((r) => r.test)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
    } finally {
      await http.close();
      await service.close();
    }
  });
});
