import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { type LoopbackService, startLoopbackService } from "../../test/e2e/loopback-service.js";
import type { Note, Plan } from "../select/plan.js";
import { HttpClient } from "../service/http-client.js";
import { ServiceApi, type Shard } from "../service/service-api.js";
import type { Settings } from "../settings.js";
import { emptyState } from "../state/local-state.js";
import { executeTests } from "./execute.js";

/**
 * The monorepo: three packages run Vitest in their own folders, so every JUnit report
 * says `tests/index.test.tsx`, and the root has a test at that path too. Real Vitest, a real
 * service on loopback, the action's own execution step.
 */
const FIXTURE = resolve("test/fixtures/monorepo-package-junit");
const PACKAGES = ["api", "ui", "utils"].map((name) => `packages/${name}/tests/index.test.tsx`);
const ROOT_TEST = "tests/index.test.tsx";
const SHA = "b".repeat(40);

let dir: string;
let service: LoopbackService;
let http: HttpClient;
let api: ServiceApi;
let repoId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-monorepo-"));
  service = await startLoopbackService(dir);
  http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
  api = new ServiceApi(http);
  repoId = await api.connectRepo("acme/monorepo");
}, 60_000);
afterAll(async () => {
  await http.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function workspace(name: string): string {
  const root = join(dir, name);
  cpSync(FIXTURE, root, { recursive: true });
  symlinkSync(realpathSync(resolve("node_modules")), join(root, "node_modules"));
  mkdirSync(join(root, ".runner-temp"));
  return root;
}

/** The service decides: the packages' tests use the changed files, the root's test does not. */
async function decide(shard?: Shard) {
  const reached = { ...unreachableFeatures(false), reachable: true, distance: 1, symbolHit: true };
  const body = {
    repo_id: repoId,
    commit_sha: SHA,
    changed_files: ["api", "ui", "utils"].map((name) => ({
      path: `packages/${name}/src/index.ts`,
      status: "modified",
    })),
    tests: [
      ...PACKAGES.map((path) => ({ path, features: { ...reached, changedFilesReaching: 1, maxFanIn: 1 } })),
      { path: ROOT_TEST, features: unreachableFeatures(false) },
    ],
    branch: "feature/names",
    ci_run_url: "https://github.com/acme/monorepo/actions/runs/4242",
    ci_job: "test",
  };
  return api.decide(body, { policyRef: `${SHA}:.superplane/policy.yml`, ...(shard ? { shard } : {}) });
}

async function execute(root: string, decision: Awaited<ReturnType<typeof decide>>, extra: Partial<Settings>) {
  const plan: Plan = {
    mode: decision.mode,
    decisions: decision.decisions,
    selected: decision.decisions.filter((d) => d.selected).map((d) => d.test_path),
    runId: decision.runId,
    repoId,
    decidedBy: "service",
    notes: [],
    deletedTests: [],
    changedFiles: 3,
    head: SHA,
    quarantineFlaky: true,
  };
  const log: string[] = [];
  const annotations: Note[] = [];
  const settings: Settings = {
    policy: ".superplane/policy.yml",
    junit: ["packages/*/reports/*.xml", "reports/*.xml"],
    workspace: root,
    run: "node run-packages.mjs {tests_file}",
    ...extra,
  };
  const executed = await executeTests({
    settings,
    plan,
    service: api,
    state: emptyState(),
    tempDir: join(root, ".runner-temp"),
    log: (line) => log.push(line),
    annotate: (note) => annotations.push(note),
  });
  return { executed, plan, log, annotations };
}

interface StoredRun {
  status: string;
  shards_reported: number[];
  branch: string;
  results: { test_path: string; outcome: string }[];
}

describe("results of a monorepo whose packages run Vitest in their own folders", () => {
  it("map to each package's test, shard by shard, and the run fails only once both shards reported", async () => {
    const root = workspace("sharded");
    const first = await decide({ index: 1, total: 2 });
    expect(first.decisions.filter((d) => d.selected).map((d) => d.test_path)).toEqual(PACKAGES);
    // Shard 1 of 2: api and utils (api's test fails).
    const one = await execute(root, first, { shard: { index: 1, total: 2 } });
    expect(one.executed.tests).toMatchObject({ state: "failed" });
    expect(one.executed.results).toEqual({ reports: 2, status: "running (1 of 2 shards reported)" });
    expect(one.log).toContain("shard 1/2: 2 of the 3 selected tests");
    expect(one.log).toContain(
      "2 result path(s) were relative to the runner's folder: mapped to repository paths",
    );
    expect([one.plan.notes, one.annotations]).toEqual([[], []]);
    expect([...one.executed.durations.keys()].sort()).toEqual([PACKAGES[0], PACKAGES[2]]);
    // The check run annotates api's failing assertion in api's test file.
    expect(one.executed.failures.map((f) => [f.file, f.name])).toEqual([[PACKAGES[0], "api names itself"]]);

    const second = await decide({ index: 2, total: 2 });
    expect(second.runId).toBe(first.runId);
    const two = await execute(root, second, { shard: { index: 2, total: 2 } });
    expect(two.executed.results).toEqual({ reports: 1, status: "failed" });

    const run = await service.get<StoredRun>(`/runs/${first.runId}`);
    expect(run).toMatchObject({ status: "failed", shards_reported: [1, 2], branch: "feature/names" });
    expect(run.results.map((r) => [r.test_path, r.outcome])).toEqual([
      [PACKAGES[0], "failed"],
      [PACKAGES[1], "passed"],
      [PACKAGES[2], "passed"],
    ]);
  }, 120_000);

  it("are reported unmapped, with a warning, when every report lands in one folder and two packages ran", async () => {
    const root = workspace("root-reports");
    const decision = await decide();
    // Each package writes ../../reports/<name>.xml: the report's folder no longer names the package.
    process.env.REPORT_AT_ROOT = "1";
    const run = await execute(root, decision, {}).finally(() => {
      delete process.env.REPORT_AT_ROOT;
    });
    expect(run.executed.results).toMatchObject({ reports: 3, status: "failed" });
    const warnings = run.plan.notes.map((note) => note.message);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe(
      "reports/api.xml: 1 result(s) name no test file of the repository: reported as unmapped, their history is not kept: tests/index.test.tsx (3 test files that ran end with it (packages/api/tests/index.test.tsx, packages/ui/tests/index.test.tsx, packages/utils/tests/index.test.tsx): write each package's report inside its folder, or have the runner write repository paths (JUnit `file` attribute))",
    );
    expect(run.annotations).toEqual(run.plan.notes);
    const stored = await service.get<StoredRun>(`/runs/${decision.runId}`);
    // Nothing is stored under the root's test, which did not run.
    expect([stored.status, stored.results]).toEqual(["failed", []]);
  }, 120_000);
});
