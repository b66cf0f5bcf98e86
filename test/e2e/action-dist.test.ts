import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/bundle-action.js";
import { gitIn } from "../support/temp-repo.js";
import { deadApiUrl, type LoopbackService, startLoopbackService } from "./loopback-service.js";
import { type ActionRun, installAction, type RunSpec, runAction } from "./run-dist.js";
import {
  linkVitest,
  makeSampleOrigin,
  modulePath,
  type SampleOrigin,
  shallowCheckout,
  TEST_COUNT,
  testPath,
} from "./sample-repo.js";

/**
 * The built action (dist/index.js, copied beside action.yml into a folder with no node_modules)
 * run as a GitHub runner runs it, against the real service on 127.0.0.1 and real git checkouts
 * of a 50-test repository. Only api.github.com is mocked (github-mock.mjs, preloaded with nock).
 */
let root: string;
let origin: SampleOrigin;
let actionDir: string;
let service: LoopbackService;
let scenario = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "superplane-e2e-"));
  origin = makeSampleOrigin(join(root, "origin"));
  actionDir = installAction(join(root, "action"));
  service = await startLoopbackService(root);
}, 60_000);

afterAll(async () => {
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

const ZERO = "0".repeat(40);

function pullRequest(headSha: string, headRef: string) {
  return {
    pull_request: {
      number: 7,
      base: { sha: origin.mainSha, ref: "main" },
      head: { sha: headSha, ref: headRef },
    },
    repository: { default_branch: "main" },
  };
}

/** A fresh shallow checkout of `branch` and a fresh runner folder for one run of the action. */
function act(
  branch: string,
  spec: Omit<RunSpec, "actionDir" | "workspace" | "runnerDir">,
  prepare: (workspace: string) => void = () => {},
) {
  scenario++;
  const workspace = shallowCheckout(origin, branch, join(root, `ws-${scenario}`));
  prepare(workspace);
  // A repository of its own per scenario: the service learns from every run (history, models,
  // flaky tests), and one scenario's results must not change another's decisions.
  const repository = `acme/sample-${scenario}`;
  const run = runAction({
    ...spec,
    repository,
    actionDir,
    workspace,
    runnerDir: join(root, `runner-${scenario}`),
  });
  return { workspace, repository, run };
}

/** The `run` and `junit` inputs of an example workflow, exactly as users copy them. */
function exampleInputs(example: string): { run: string; junit: string } {
  const workflow = parse(readFileSync(join(ROOT, "examples", example, "workflow.yml"), "utf8")) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.uses?.startsWith("superplane/superplane@"));
  const { run, junit } = step?.with ?? {};
  if (!run || !junit) throw new Error(`examples/${example}: no run and junit inputs`);
  return { run, junit };
}

const serviceInputs = () => ({ "api-url": service.apiUrl, token: service.token });
const ran = (workspace: string) =>
  readFileSync(join(workspace, "ran.txt"), "utf8").split("\n").filter(Boolean);
const annotations = (run: ActionRun, level: string) =>
  run.stdout.split("\n").filter((line) => line.startsWith(`::${level}`));

interface RunDetail {
  status: string;
  mode: string;
  tests_selected: number;
  tests_total: number;
  duration_ms: number | null;
  results: { test_path: string; outcome: string; duration_ms: number }[];
}

const debug = (run: ActionRun) => `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

// Each run is a real process doing real git and HTTP: generous limits for a loaded CI machine.
describe("the built action (node dist/index.js) as GitHub runs it", { timeout: 120_000 }, () => {
  it("on a pull request selects 3 of 50 tests, runs them, reports them and creates the check run", async () => {
    const {
      workspace,
      repository,
      run: pending,
    } = act("feature", {
      eventName: "pull_request",
      event: pullRequest(origin.featureSha, "feature"),
      sha: origin.featureSha,
      inputs: { ...serviceInputs(), run: "node tools/run-tests.mjs {tests}", junit: "reports/*.xml" },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    const selected = [1, 2, 3].map(testPath);
    expect(run.outputs).toMatchObject({
      mode: "selective",
      tests: selected.join(" "),
      "tests-json": JSON.stringify(selected),
      "selected-count": "3",
      "total-count": String(TEST_COUNT),
    });
    expect(readFileSync(run.outputs["tests-file"]!, "utf8")).toBe(selected.map((t) => `${t}\n`).join(""));
    expect(ran(workspace)).toEqual(selected);
    // The shallow checkout (depth 1) was deepened to reach the base commit.
    expect(run.stdout).toContain(`git fetch --no-tags --no-recurse-submodules --quiet --depth=50 origin`);

    const runId = run.outputs["run-id"]!;
    expect(runId).not.toBe("");
    const stored = await service.get<RunDetail>(`/runs/${runId}`);
    expect(stored).toMatchObject({ status: "passed", mode: "selective", tests_selected: 3, tests_total: 50 });
    expect(stored.results.map((r) => [r.test_path, r.outcome])).toEqual(selected.map((t) => [t, "passed"]));

    expect(run.summary).toContain("## SuperPlane: 3 of 50 tests selected");
    expect(run.summary).toContain("- **Tests selected:** 3 of 50 (47 skipped)");
    expect(run.summary).toContain(`- **Run:** \`${runId}\``);
    expect(run.summary).toMatch(
      /\| `test\/mod-2\.test\.js` \| 0\.\d\d \| graph: src\/mod-2\.js -> test\/mod-2\.test\.js/,
    );
    // Created in progress before selection, completed with the report at the end.
    expect(run.github).toHaveLength(2);
    expect(run.github[0]).toMatchObject({
      method: "POST",
      path: `/repos/${repository}/check-runs`,
      body: { name: "SuperPlane", head_sha: origin.featureSha, status: "in_progress" },
    });
    expect(run.github[1]).toMatchObject({
      method: "PATCH",
      path: `/repos/${repository}/check-runs/1`,
      body: { status: "completed", conclusion: "success" },
    });
    expect(run.github[1]!.body!.output.summary.trim()).toBe(run.summary.trim());
  });

  it("on the push of a new branch compares with the default branch (fetched into the shallow clone)", async () => {
    const { run: pending } = act("feature", {
      eventName: "push",
      event: {
        ref: "refs/heads/feature",
        before: ZERO,
        after: origin.featureSha,
        repository: { default_branch: "main" },
      },
      sha: origin.featureSha,
      inputs: serviceInputs(),
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.stdout).toContain("+refs/heads/main:refs/remotes/origin/main");
    expect(run.outputs).toMatchObject({
      mode: "selective",
      tests: [1, 2, 3].map(testPath).join(" "),
      "selected-count": "3",
    });
    expect(run.summary).toContain("not run here (no `run` input)");
    expect(run.github.map((r) => [r.method, r.body?.head_sha ?? null, r.body?.conclusion ?? null])).toEqual([
      ["POST", origin.featureSha, null],
      ["PATCH", null, "neutral"],
    ]);
    // Selection only, as in the sharded example: each shard then reports its JUnit to run-id.
    const runId = run.outputs["run-id"]!;
    const shard = (i: number, failure: string) =>
      `<testsuites><testsuite name="${testPath(i)}"><testcase classname="${testPath(i)}" name="t" time="0.01">${failure}</testcase></testsuite></testsuites>`;
    await service.postJUnit(`/runs/${runId}/results`, shard(1, ""));
    await service.postJUnit(`/runs/${runId}/results`, shard(2, '<failure message="no"/>'));
    const stored = await service.get<RunDetail>(`/runs/${runId}`);
    expect(stored.status).toBe("failed");
    expect(stored.results.map((r) => [r.test_path, r.outcome])).toEqual([
      [testPath(1), "passed"],
      [testPath(2), "failed"],
    ]);
  });

  it("keeps the local decision with a warning, in the log and the summary, when the service is down", async () => {
    const { workspace, run: pending } = act("feature", {
      eventName: "pull_request",
      event: pullRequest(origin.featureSha, "feature"),
      sha: origin.featureSha,
      inputs: {
        "api-url": await deadApiUrl(),
        token: service.token,
        run: "node tools/run-tests.mjs --list {tests_file}",
        junit: "reports/*.xml",
      },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    const selected = [1, 2, 3].map(testPath);
    expect(run.outputs).toMatchObject({ mode: "selective", "selected-count": "3", "run-id": "" });
    expect(ran(workspace)).toEqual(selected);
    const warnings = annotations(run, "warning");
    expect(
      warnings.some((w) => /unreachable.*selected here.*without the learned model and the canary/.test(w)),
      debug(run),
    ).toBe(true);
    expect(run.summary).toContain("## SuperPlane: 3 of 50 tests selected");
    expect(run.summary).toMatch(/> \[!WARNING\]\n> the SuperPlane service could not be used: .*unreachable/);
  });

  it("runs the whole suite with an error naming the line when the policy is invalid", async () => {
    const { workspace, run: pending } = act("bad-policy", {
      eventName: "pull_request",
      event: pullRequest(origin.badPolicySha, "bad-policy"),
      sha: origin.badPolicySha,
      inputs: { ...serviceInputs(), run: "node tools/run-tests.mjs --list {tests_file}" },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "full", "selected-count": "50" });
    expect(ran(workspace)).toHaveLength(TEST_COUNT);
    const errors = annotations(run, "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error title=SuperPlane,file=\.superplane\/policy\.yml,line=6/);
    expect(errors[0]).toContain('unknown key "always_runn"');
    expect(run.summary).toMatch(/> \[!CAUTION\]\n> \.superplane\/policy\.yml:6.*always_runn/);
  });

  it("fails the step when a selected test fails, after reporting the results to the service", async () => {
    const { run: pending } = act("broken", {
      eventName: "pull_request",
      event: pullRequest(origin.brokenSha, "broken"),
      sha: origin.brokenSha,
      inputs: { ...serviceInputs(), run: "node tools/run-tests.mjs {tests}", junit: "reports/*.xml" },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(1);
    expect(run.outputs).toMatchObject({ mode: "selective", tests: testPath(5) });
    // The failing test is annotated on the check run; the step's error names it.
    const [error, ...others] = annotations(run, "error");
    expect(others).toEqual([]);
    expect(error).toMatch(
      new RegExp(
        `^::error::tests failed: ${testPath(5).replaceAll(".", "\\.")} › loads: .+; the command exited 1 \\(see the log above\\)$`,
      ),
    );
    const stored = await service.get<RunDetail>(`/runs/${run.outputs["run-id"]}`);
    expect(stored.status).toBe("failed");
    expect(stored.results).toEqual([expect.objectContaining({ test_path: testPath(5), outcome: "failed" })]);
    const completed = run.github[1]!.body!;
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.annotations).toEqual([
      expect.objectContaining({
        path: testPath(5),
        start_line: 1,
        annotation_level: "failure",
        title: "loads",
      }),
    ]);
    expect(run.summary).toContain("❌ failed: 1 failing test, listed above (the command exited 1)");
    expect(run.summary.indexOf("### ❌ Failing tests (1)")).toBeLessThan(run.summary.indexOf("- **Mode:**"));
  });

  it("does not run the command when nothing needs running, and says so", async () => {
    const { workspace, run: pending } = act("docs", {
      eventName: "pull_request",
      event: pullRequest(origin.docsSha, "docs"),
      sha: origin.docsSha,
      inputs: { ...serviceInputs(), run: "node tools/run-tests.mjs {tests}" },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "selective", "selected-count": "0", tests: "" });
    expect(() => ran(workspace)).toThrow("ENOENT");
    expect(run.summary).toContain("## SuperPlane: no tests needed to run (0 of 50 selected)");
    expect(run.summary).toContain("- **Tests:** nothing needed running");
  });

  it("degrades to the job summary with a notice when the token cannot write checks", async () => {
    const { run: pending } = act("feature", {
      eventName: "pull_request",
      event: pullRequest(origin.featureSha, "feature"),
      sha: origin.featureSha,
      inputs: serviceInputs(),
      checks: "forbidden",
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(annotations(run, "notice").join("\n")).toContain("permissions: checks: write");
    expect(run.summary).toContain("## SuperPlane: 3 of 50 tests selected");
    expect(run.summary).toContain("> [!NOTE]");
  });

  it("runs the Vitest example's command: Vitest's own JUnit report reaches the service by test path", async () => {
    const { run: pending } = act(
      "feature",
      {
        eventName: "pull_request",
        event: pullRequest(origin.featureSha, "feature"),
        sha: origin.featureSha,
        inputs: { ...serviceInputs(), ...exampleInputs("vitest") },
      },
      (workspace) => linkVitest(workspace, join(ROOT, "node_modules")),
    );
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    const stored = await service.get<RunDetail>(`/runs/${run.outputs["run-id"]}`);
    expect(stored.status).toBe("passed");
    expect(stored.results.map((r) => [r.test_path, r.outcome])).toEqual(
      [1, 2, 3].map((i) => [testPath(i), "passed"]),
    );
    // The example records coverage ({coverage}): each passing test's run is stored.
    expect(run.stdout).toContain("coverage of 3 passing test files stored");
    // Its reporter timed each file whole (set-up and import, not the JUnit case's ~0 ms), and the
    // run's duration is the command's wall time, Vitest's start included.
    expect(run.stdout).toMatch(
      /test files timed by the runner: 3, by their reports and the batch's wall time: 0/,
    );
    const longest = Math.max(...stored.results.map((r) => r.duration_ms));
    expect(stored.results.every((r) => r.duration_ms >= 10)).toBe(true);
    expect(stored.duration_ms).toBeGreaterThan(longest);
  });

  it("runs the node:test example's command: a failing test fails the step and is reported by path", async () => {
    const { run: pending } = act("broken", {
      eventName: "pull_request",
      event: pullRequest(origin.brokenSha, "broken"),
      sha: origin.brokenSha,
      inputs: { ...serviceInputs(), ...exampleInputs("node-test") },
    });
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(1);
    const stored = await service.get<RunDetail>(`/runs/${run.outputs["run-id"]}`);
    expect(stored.status).toBe("failed");
    expect(stored.results.map((r) => [r.test_path, r.outcome])).toEqual([[testPath(5), "failed"]]);
  });

  it("asks the compare API for the changed files when the shallow clone cannot be deepened", async () => {
    const patch = (i: number) =>
      `@@ -1,3 +1,3 @@\n export function value() {\n-  return ${i};\n+  return ${i + 1} - 1;\n }`;
    const { repository, run: pending } = act(
      "feature",
      {
        eventName: "pull_request",
        event: pullRequest(origin.featureSha, "feature"),
        sha: origin.featureSha,
        inputs: serviceInputs(),
        compare: {
          merge_base_commit: { sha: origin.mainSha },
          files: [1, 2, 3].map((i) => ({ filename: modulePath(i), status: "modified", patch: patch(i) })),
        },
      },
      // The remote is gone: no fetch can reach the base.
      (workspace) => gitIn(workspace, ["remote", "set-url", "origin", join(root, "no-such-remote.git")]),
    );
    const run = await pending;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.stdout).toContain("asking the compare API");
    // The check run is started first; then selection asks the compare API.
    expect(run.github.find((r) => r.method === "GET")).toMatchObject({
      method: "GET",
      path: `/repos/${repository}/compare/${origin.mainSha}...${origin.featureSha}?per_page=1`,
    });
    expect(run.outputs, run.summary).toMatchObject({
      mode: "selective",
      tests: [1, 2, 3].map(testPath).join(" "),
    });
  });
});
