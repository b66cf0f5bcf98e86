import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDuration } from "../../action/report/time-saved.js";
import { ROOT } from "../../scripts/bundle-action.js";
import { gitIn } from "../support/temp-repo.js";
import { CALC, TEST } from "../support/vitest-project.js";
import { type LoopbackService, startLoopbackService } from "./loopback-service.js";
import { type ActionRun, installAction, runAction } from "./run-dist.js";
import { E2E_POLICY, linkVitest, VITEST } from "./sample-repo.js";

/**
 * The built action with no service: it decides locally and keeps what a service would (durations,
 * coverage records) in `.git/superplane/`, which the next job gets back as actions/cache restores
 * it. Then a fork's pull request with no token, a service that fails mid-job, and a service added
 * after two local runs, which receives what they measured.
 */
let root: string;
let actionDir: string;
let origin: string;
let service: LoopbackService;
const shas: string[] = [];

function write(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** mul.test.ts takes over a second: a duration the summary can show. */
const SLOW_MUL =
  'import { expect, test } from "vitest";\nimport { calc } from "../src/calc";\ntest("mul", async () => {\n  await new Promise((done) => setTimeout(done, 1200));\n  expect(calc("mul", 2, 3)).toBe(6);\n});\n';

/** Fails on its first try in a process, or always with FLIP=always: a flaky test. */
const FLIP =
  'import { expect, test } from "vitest";\nlet tries = 0;\ntest("flips", () => {\n  tries += 1;\n  expect(process.env.FLIP !== "always" && tries > 1).toBe(true);\n});\n';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "superplane-e2e-local-"));
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
  write(src, ".gitignore", "node_modules/\nreports/\n");
  write(src, ".superplane/policy.yml", E2E_POLICY);
  write(src, ".superplane/policy.yml", E2E_POLICY);
  commit("start");
  write(src, "src/calc.ts", CALC());
  write(src, "test/add.test.ts", TEST("add", 5));
  write(src, "test/mul.test.ts", SLOW_MUL);
  commit("calc with its tests");
  const add = (expression: string, mul = "a * b") =>
    CALC(mul).replace("Math.min(a + b, LIMIT)", `Math.min(${expression}, LIMIT)`);
  write(src, "src/calc.ts", add("b + a"));
  commit("doAdd: b + a");
  write(src, "src/calc.ts", add("b + a", "b * a"));
  commit("doMul: b * a");
  write(src, "src/calc.ts", add("a + b", "b * a"));
  commit("doAdd: a + b");
  write(src, "test/flip.test.ts", FLIP);
  commit("a test that fails on its first try");
  origin = join(root, "origin.git");
  gitIn(root, ["clone", "-q", "--bare", src, origin]);
  actionDir = installAction(join(root, "action"));
  service = await startLoopbackService(root);
}, 60_000);

afterAll(async () => {
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

const RUN = `${VITEST} run {coverage} --reporter=default --reporter=junit --outputFile.junit=reports/junit.xml {tests}`;

interface Job {
  /** The workspace whose `.git/superplane/` the cache restores (actions/cache: the newest by prefix). */
  restoreFrom?: string;
  inputs?: Record<string, string>;
  /** A pull request from a fork, base shas[index - 1], instead of a push. */
  pullRequest?: boolean;
  depth?: number;
  /** Runs on the checkout before the action (after the cache restore). */
  prepare?: (workspace: string) => void;
}

let job = 0;

/** The action on shas[index] in a fresh checkout (depth 1, as actions/checkout makes it). */
async function jobOn(index: number, options: Job = {}): Promise<{ workspace: string; run: ActionRun }> {
  job++;
  const workspace = join(root, `ws-${job}`);
  mkdirSync(workspace);
  gitIn(workspace, ["init", "-q"]);
  gitIn(workspace, ["remote", "add", "origin", `file://${origin}`]);
  gitIn(workspace, ["fetch", "-q", `--depth=${options.depth ?? 1}`, "origin", shas[index]!]);
  gitIn(workspace, ["checkout", "-q", "FETCH_HEAD"]);
  linkVitest(workspace, join(ROOT, "node_modules"));
  if (options.restoreFrom) {
    cpSync(join(options.restoreFrom, ".git", "superplane"), join(workspace, ".git", "superplane"), {
      recursive: true,
    });
  }
  options.prepare?.(workspace);
  const event = options.pullRequest
    ? {
        pull_request: {
          number: 3,
          base: { sha: shas[index - 1], ref: "main" },
          head: { sha: shas[index], ref: "fork-branch" },
        },
        repository: { default_branch: "main" },
      }
    : {
        ref: "refs/heads/main",
        before: shas[index - 1],
        after: shas[index],
        repository: { default_branch: "main" },
      };
  const run = await runAction({
    actionDir,
    workspace,
    runnerDir: join(root, `runner-${job}`),
    eventName: options.pullRequest ? "pull_request" : "push",
    event,
    sha: shas[index]!,
    repository: "acme/calc",
    inputs: { run: RUN, junit: "reports/junit.xml", ...options.inputs },
  });
  return { workspace, run };
}

const debug = (run: ActionRun) => `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
const annotations = (run: ActionRun, level: string) =>
  run.stdout.split("\n").filter((line) => line.startsWith(`::${level}`));
const state = (workspace: string, file: string) =>
  JSON.parse(readFileSync(join(workspace, ".git", "superplane", file), "utf8"));

/** A service that connects the repository, then answers 503 to everything: down mid-job. */
async function failingService(): Promise<{ apiUrl: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (request.method === "POST" && request.url === "/v1/repos") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: "repo_1", name: "acme/calc" }));
        return;
      }
      response.writeHead(503, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ error: { code: "INTERNAL", message: "database down", request_id: "r" } }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { apiUrl: `http://127.0.0.1:${address.port}/v1`, server };
}

describe("the built action without a service", { timeout: 180_000 }, () => {
  let first: { workspace: string; run: ActionRun };
  let second: { workspace: string; run: ActionRun };

  it("on a push with no service configured decides locally, selective, with one notice", async () => {
    first = await jobOn(1);
    const { run, workspace } = first;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.outputs).toMatchObject({
      mode: "selective",
      tests: "test/add.test.ts test/mul.test.ts",
      "run-id": "",
    });
    const notices = annotations(run, "notice");
    expect(notices, debug(run)).toHaveLength(1);
    expect(notices[0]).toContain("no SuperPlane service configured");
    expect(notices[0]).toContain("learning from every run, a canary");
    expect(annotations(run, "warning"), debug(run)).toEqual([]);
    expect(run.summary).toContain("## SuperPlane: 2 of 2 tests selected");
    expect(run.summary).toContain("- **Mode:** selective");
    expect(run.summary).toContain("durations of 2 test files kept in `.git/superplane/`");
    // What the service would keep is in the cache folder.
    expect(state(workspace, "durations.json").tests["test/mul.test.ts"].duration_ms).toBeGreaterThan(1000);
    expect(state(workspace, "coverage.json").records.map((r: { test: string }) => r.test)).toEqual([
      "test/add.test.ts",
      "test/mul.test.ts",
    ]);
  });

  it("on the next push, in a fresh clone with the cache restored, skips by coverage and prices the skip", async () => {
    // Depth 2 so that the CLI below can diff the same change; the action itself needs depth 1 only.
    second = await jobOn(2, { restoreFrom: first.workspace, depth: 2 });
    const { run } = second;
    expect(run.exitCode, debug(run)).toBe(0);
    expect(run.stdout).toContain(
      "coverage: 1 of 2 affected tests with a recorded run ran none of the change",
    );
    expect(run.outputs).toMatchObject({ mode: "selective", tests: "test/add.test.ts" });
    // mul.test.ts at its whole file time the first job measured: set-up and import included.
    const mulMs: number = state(first.workspace, "durations.json").tests["test/mul.test.ts"].duration_ms;
    expect(run.summary).toContain(
      `- **Estimated time saved:** ${formatDuration(mulMs)} (1 skipped file at its last measured file duration)`,
    );
    expect(run.summary).toContain("- **Skipped by coverage:** 1 ");
  });

  // Each of these starts from the first two jobs' workspaces (copied, never changed) in checkouts,
  // runner folders and repositories of its own: they run side by side, not one after another.
  describe.concurrent("from the first two jobs' state", () => {
    it("makes the decision `superplane select` prints for the same change and state", async () => {
      const workspace = join(root, "ws-cli");
      mkdirSync(workspace);
      gitIn(workspace, ["init", "-q"]);
      gitIn(workspace, ["remote", "add", "origin", `file://${origin}`]);
      gitIn(workspace, ["fetch", "-q", "--depth=2", "origin", shas[2]!]);
      gitIn(workspace, ["checkout", "-q", "FETCH_HEAD"]);
      cpSync(join(first.workspace, ".git", "superplane"), join(workspace, ".git", "superplane"), {
        recursive: true,
      });
      const list = execFileSync(
        process.execPath,
        [join(ROOT, "bin", "superplane.js"), "select", "--base", shas[1]!, "--format", "list"],
        { cwd: workspace, encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } },
      );
      expect(list.split("\n").filter(Boolean).join(" ")).toBe(second.run.outputs.tests);
    });

    it("on a fork's pull request with no token decides locally with the notice; a torn cache file is rebuilt", async () => {
      const { run, workspace } = await jobOn(2, {
        pullRequest: true,
        inputs: { "api-url": service.apiUrl, token: "" },
        prepare: (ws) => write(ws, ".git/superplane/durations.json", '{"version":1,"tests":{"test/a'),
      });
      expect(run.exitCode, debug(run)).toBe(0);
      expect(run.outputs).toMatchObject({ mode: "selective", tests: "test/add.test.ts test/mul.test.ts" });
      const notices = annotations(run, "notice");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain("no SuperPlane token");
      expect(notices[0]).toContain("forks get no secrets");
      expect(annotations(run, "warning").join("\n")).toMatch(
        /durations\.json is not JSON \(a torn write\?\); rebuilt/,
      );
      expect(Object.keys(state(workspace, "durations.json").tests)).toEqual([
        "test/add.test.ts",
        "test/mul.test.ts",
      ]);
    });

    it("when the service fails mid-job, the local decision stands with a warning", async () => {
      const failing = await failingService();
      try {
        const { run } = await jobOn(3, {
          restoreFrom: second.workspace,
          inputs: { "api-url": failing.apiUrl, token: "spl_tok_test" },
        });
        expect(run.exitCode, debug(run)).toBe(0);
        // The local decision: mul changed, add's record (from the second job) ran none of it.
        expect(run.outputs).toMatchObject({ mode: "selective", tests: "test/mul.test.ts", "run-id": "" });
        const warnings = annotations(run, "warning").join("\n");
        expect(warnings, debug(run)).toMatch(
          /service could not be used: .*database down.*selected here.*without the learned model and the canary.*results are not reported/,
        );
        expect(run.summary).toContain("## SuperPlane: 1 of 2 tests selected");
      } finally {
        await new Promise((done) => failing.server.close(done));
      }
    });

    it("a service added after two local runs receives their durations and coverage, once", async () => {
      const inputs = { "api-url": service.apiUrl, token: service.token };
      const third = await jobOn(3, { restoreFrom: second.workspace, inputs });
      expect(third.run.exitCode, debug(third.run)).toBe(0);
      expect(third.run.stdout).toContain(
        "local state uploaded to the service: durations of 2 and coverage of 2 test files (once)",
      );
      // The service decided with the uploaded coverage: add's record clears it for doMul's change.
      expect(third.run.outputs["run-id"]).not.toBe("");
      expect(third.run.outputs.tests).toBe("test/mul.test.ts");
      const repos = await service.get<{ repos: { id: string; name: string }[] }>("/repos");
      const repo = repos.repos.find((r) => r.name === "acme/calc")!;
      const durations = await service.get<{ durations: { test_path: string; duration_ms: number }[] }>(
        `/repos/${repo.id}/durations`,
      );
      expect(durations.durations.map((d) => d.test_path)).toEqual(["test/add.test.ts", "test/mul.test.ts"]);
      expect(durations.durations[1]!.duration_ms).toBeGreaterThan(1000);
      expect(state(third.workspace, "uploads.json").services[service.apiUrl]).toMatchObject({
        durations: 2,
        coverage: 2,
      });

      const fourth = await jobOn(4, { restoreFrom: third.workspace, inputs });
      expect(fourth.run.exitCode, debug(fourth.run)).toBe(0);
      expect(fourth.run.stdout).not.toContain("local state uploaded");
      expect(existsSync(join(fourth.workspace, ".git", "superplane", "uploads.json"))).toBe(true);
    });

    it("marks a test that passed on Vitest's retry flaky, and lists its later failure as the service would quarantine it", async () => {
      const retried = await jobOn(5, {
        restoreFrom: second.workspace,
        inputs: { run: RUN.replace("run", "run --retry=1") },
      });
      expect(retried.run.exitCode, debug(retried.run)).toBe(0);
      expect(retried.run.outputs.tests).toBe("test/flip.test.ts");
      expect(state(retried.workspace, "flaky.json").tests["test/flip.test.ts"].commits).toEqual([shas[5]]);
      expect(retried.run.summary).toContain("- **Marked flaky (failed, then passed):** `test/flip.test.ts`");

      const failed = await jobOn(5, {
        restoreFrom: retried.workspace,
        inputs: { run: `FLIP=always ${RUN}` },
      });
      expect(failed.run.exitCode, debug(failed.run)).not.toBe(0);
      expect(failed.run.summary).toMatch(
        /- \*\*Failed, known flaky \(quarantined\):\*\* `test\/flip\.test\.ts`: /,
      );
    });
  });
});
