import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/bundle-action.js";
import { gitIn } from "../support/temp-repo.js";
import { CALC, TEST } from "../support/vitest-project.js";
import { type LoopbackService, startLoopbackService } from "./loopback-service.js";
import { installAction, runAction } from "./run-dist.js";
import { E2E_POLICY, linkVitest, VITEST } from "./sample-repo.js";

/**
 * Coverage through the built action, as GitHub runs it: the first run records which functions
 * each Vitest test file ran (`{coverage}` in the run command) and stores it in the real service;
 * on the next commit a test that reaches the change by name, but ran none of it, is skipped.
 */
let root: string;
let service: LoopbackService;
let actionDir: string;
const shas: string[] = [];
let origin: string;

function write(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "superplane-e2e-coverage-"));
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
  write(src, "README.md", "# calc\n");
  commit("start");
  write(src, "src/calc.ts", CALC());
  write(src, "test/add.test.ts", TEST("add", 5));
  write(src, "test/mul.test.ts", TEST("mul", 6));
  commit("calc with its tests");
  write(src, "src/calc.ts", CALC().replace("Math.min(a + b, LIMIT)", "Math.min(b + a, LIMIT)"));
  commit("doAdd: b + a");
  write(src, "src/calc.ts", CALC("b * a").replace("Math.min(a + b, LIMIT)", "Math.min(b + a, LIMIT)"));
  commit("doMul: b * a");
  origin = join(root, "origin.git");
  gitIn(root, ["clone", "-q", "--bare", src, origin]);
  actionDir = installAction(join(root, "action"));
  service = await startLoopbackService(root);
}, 60_000);

afterAll(async () => {
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

/**
 * The action on the push of `shas[index]` (coming from the commit before it), in a fresh checkout
 * one commit deep, as actions/checkout makes it.
 */
async function pushOf(index: number) {
  const workspace = join(root, `ws-${index}`);
  mkdirSync(workspace);
  gitIn(workspace, ["init", "-q"]);
  gitIn(workspace, ["remote", "add", "origin", `file://${origin}`]);
  gitIn(workspace, ["fetch", "-q", "--depth=1", "origin", shas[index]!]);
  gitIn(workspace, ["checkout", "-q", "FETCH_HEAD"]);
  linkVitest(workspace, join(ROOT, "node_modules"));
  const run = await runAction({
    actionDir,
    workspace,
    runnerDir: join(root, `runner-${index}`),
    eventName: "push",
    event: {
      ref: "refs/heads/main",
      before: shas[index - 1],
      after: shas[index],
      repository: { default_branch: "main" },
    },
    sha: shas[index]!,
    repository: "acme/calc",
    inputs: {
      "api-url": service.apiUrl,
      token: service.token,
      run: `${VITEST} run {coverage} --reporter=default --reporter=junit --outputFile.junit=reports/junit.xml {tests}`,
      junit: "reports/junit.xml",
    },
  });
  return { workspace, run };
}

describe("coverage through the built action", { timeout: 120_000 }, () => {
  it("records what each test ran, then skips a test that ran none of the next change", async () => {
    const first = await pushOf(1);
    expect(first.run.exitCode, first.run.stdout + first.run.stderr).toBe(0);
    expect(first.run.outputs.tests).toBe("test/add.test.ts test/mul.test.ts");
    expect(first.run.stdout).toContain("coverage of 2 passing test files stored");

    // doAdd changed: the graph keeps both (calc calls it), coverage clears mul.test.ts.
    const second = await pushOf(2);
    expect(second.run.exitCode, second.run.stdout + second.run.stderr).toBe(0);
    expect(second.run.stdout).toContain(
      "coverage: 1 of 2 affected tests with a recorded run ran none of the change",
    );
    expect(second.run.outputs.tests).toBe("test/add.test.ts");
    expect(second.run.summary).toContain("coverage recorded at");
    const junit = readFileSync(join(second.workspace, "reports/junit.xml"), "utf8");
    expect(junit).toContain("add.test.ts");
    expect(junit).not.toContain("mul.test.ts");

    // doMul changed: mul.test.ts's record is from the first commit (the depth-1 checkout gets its
    // files from the action's deepening fetch), and it keeps the test; add.test.ts's is cleared.
    const third = await pushOf(3);
    expect(third.run.exitCode, third.run.stdout + third.run.stderr).toBe(0);
    expect(third.run.stdout).toContain(
      "coverage: 1 of 2 affected tests with a recorded run ran none of the change",
    );
    expect(third.run.outputs.tests).toBe("test/mul.test.ts");
  });
});
