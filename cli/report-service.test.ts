import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../action/service/http-client.js";
import { ServiceApi } from "../action/service/service-api.js";
import { unreachableFeatures } from "../selector/model/features.js";
import { readRunMs } from "../selector/state/file-times.js";
import { type LoopbackService, startLoopbackService } from "../test/e2e/loopback-service.js";
import type { TempRepo } from "../test/support/temp-repo.js";
import { makeCalcProject, runWithCoverage } from "../test/support/vitest-project.js";
import { main } from "./main.js";
import { reportCommand } from "./report-command.js";

let repo: TempRepo;
let out: string;
let service: LoopbackService;
let head: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

const JUNIT = `<testsuites>
  <testsuite name="test/add.test.ts"><testcase classname="test/add.test.ts" name="adds" time="1.5"/></testsuite>
  <testsuite name="test/mul.test.ts"><testcase classname="test/mul.test.ts" name="muls" time="0.5"/></testsuite>
</testsuites>`;

beforeAll(async () => {
  repo = makeCalcProject();
  head = repo.git("rev-parse", "HEAD").trim();
  out = mkdtempSync(join(tmpdir(), "superplane-report-service-"));
  runWithCoverage(repo.dir, join(out, "raw"));
  mkdirSync(join(repo.dir, "reports"), { recursive: true });
  writeFileSync(join(repo.dir, "reports", "junit.xml"), JUNIT);
  service = await startLoopbackService(out);
}, 60_000);

afterAll(async () => {
  await service.close();
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

/** A run the service made for the commit, as a CI step before the tests would (`POST /v1/runs`). */
async function startRun(): Promise<{ runId: string; repoId: string }> {
  const http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
  try {
    const api = new ServiceApi(http);
    const repoId = await api.connectRepo("acme/calc");
    const tests = ["test/add.test.ts", "test/mul.test.ts"].map((path) => ({
      path,
      features: unreachableFeatures(false),
    }));
    const decision = await api.decide(
      { repo_id: repoId, commit_sha: head, changed_files: [], tests, full_reason: "first run" },
      { policyRef: `${head}:.superplane/policy.yml` },
    );
    return { runId: decision.runId, repoId };
  } finally {
    await http.close();
  }
}

interface RunDetail {
  status: string;
  duration_ms: number | null;
  results: { test_path: string; outcome: string; duration_ms: number }[];
}

describe("superplane report --run-id: the results and coverage go to the service as well", () => {
  it("sends the JUnit results to the run and the passing tests' coverage, URL and token from the environment", async () => {
    const { runId, repoId } = await startRun();
    const env = { SUPERPLANE_API_URL: service.apiUrl, SUPERPLANE_TOKEN: service.token };
    const flags = {
      repo: repo.dir,
      junit: ["reports/*.xml"],
      coverageDir: join(out, "raw"),
      runId,
      wallMs: "9000",
    };
    expect(await reportCommand(flags, log, env)).toBe(0);

    // Each file at its share of the part of the command's 9 s in which Vitest ran files (the
    // reporter's run_ms), divided by the collector's file times; the wall time is the run's duration.
    const run = await service.get<RunDetail>(`/runs/${runId}`);
    expect(run.status).toBe("passed");
    expect(run.duration_ms).toBe(9000);
    const kept = JSON.parse(readFileSync(join(repo.dir, ".git/superplane/durations.json"), "utf8")).tests;
    expect(run.results.map((r) => [r.test_path, r.outcome, r.duration_ms]).sort()).toEqual([
      ["test/add.test.ts", "passed", kept["test/add.test.ts"].duration_ms],
      ["test/mul.test.ts", "passed", kept["test/mul.test.ts"].duration_ms],
    ]);
    const ranFiles = await readRunMs(join(out, "raw"));
    expect(ranFiles).toBeGreaterThan(0);
    const runMs = Math.min(9000, ranFiles!);
    expect(Math.abs(run.results.reduce((sum, r) => sum + r.duration_ms, 0) - runMs)).toBeLessThanOrEqual(1);
    const http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
    const records = await new ServiceApi(http)
      .coverageRecords(repoId, ["test/add.test.ts", "test/mul.test.ts"])
      .finally(() => http.close());
    expect(records.map((r) => [r.test, r.commit])).toEqual([
      ["test/add.test.ts", head],
      ["test/mul.test.ts", head],
    ]);
    // What it keeps locally is the same as without a service.
    const durations = JSON.parse(readFileSync(join(repo.dir, ".git/superplane/durations.json"), "utf8"));
    expect(Object.keys(durations.tests).sort()).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
    expect(lines).toContain(`reported 1 JUnit report(s) to run ${runId}: passed`);
    expect(lines).toContain("coverage of 2 passing test files stored in the service");
  });

  it("takes the flags before the environment; an unknown run is exit code 6 after keeping the state", async () => {
    const { runId } = await startRun();
    const env = { SUPERPLANE_API_URL: "http://127.0.0.1:1/v1", SUPERPLANE_TOKEN: "spl_tok_wrong" };
    const flags = {
      repo: repo.dir,
      junit: ["reports/*.xml"],
      runId,
      apiUrl: service.apiUrl,
      token: service.token,
    };
    expect(await reportCommand(flags, log, env)).toBe(0);
    expect((await service.get<RunDetail>(`/runs/${runId}`)).status).toBe("passed");

    const saved = process.env.SUPERPLANE_TOKEN;
    process.env.SUPERPLANE_TOKEN = service.token;
    try {
      const args = ["report", "--repo", repo.dir, "--junit", "reports/*.xml", "--api-url", service.apiUrl];
      expect(await main([...args, "--run-id", "run_unknown"])).toBe(6);
    } finally {
      if (saved === undefined) delete process.env.SUPERPLANE_TOKEN;
      else process.env.SUPERPLANE_TOKEN = saved;
    }
  });

  it("a run id needs a URL and a token, and a URL or token needs a run id", async () => {
    const flags = { repo: repo.dir, junit: ["reports/*.xml"] };
    await expect(reportCommand({ ...flags, runId: "run_1" }, log, {})).rejects.toThrow("--api-url URL");
    await expect(
      reportCommand({ ...flags, runId: "run_1" }, log, { SUPERPLANE_API_URL: service.apiUrl }),
    ).rejects.toThrow("--token T");
    await expect(reportCommand({ ...flags, apiUrl: service.apiUrl }, log, {})).rejects.toThrow("--run-id ID");
  });
});
