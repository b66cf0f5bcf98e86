import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/bundle-action.js";
import { gitIn } from "../support/temp-repo.js";
import { CALC, TEST } from "../support/vitest-project.js";
import { linkVitest } from "./sample-repo.js";

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

/** The sh block after "**Durations and coverage.**" in examples/other-ci.md. */
function script(): string {
  const text = readFileSync(join(ROOT, "examples", "other-ci.md"), "utf8");
  const after = text.slice(text.indexOf("**Durations and coverage.**"));
  const block = /```sh\n([\s\S]*?)```/.exec(after);
  if (!block) throw new Error("examples/other-ci.md: no sh block after **Durations and coverage.**");
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

/** A fresh clone at shas[index], the previous commit as origin/base, the cache restored from `from`. */
function job(index: number, from?: string): string {
  const workspace = join(root, `job-${index}`);
  gitIn(root, ["clone", "-q", `file://${origin}`, workspace]);
  gitIn(workspace, ["checkout", "-q", shas[index]!]);
  gitIn(workspace, ["update-ref", "refs/remotes/origin/base", shas[index - 1]!]);
  linkVitest(workspace, join(ROOT, "node_modules"));
  if (from)
    cpSync(join(from, ".git", "superplane"), join(workspace, ".git", "superplane"), { recursive: true });
  execFileSync("bash", ["-e", "-c", script()], {
    cwd: workspace,
    env: {
      PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`,
      HOME: process.env.HOME,
      BASE: "base",
      CI: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
    stdio: "pipe",
  });
  return workspace;
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
});
