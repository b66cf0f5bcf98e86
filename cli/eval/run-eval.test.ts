import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { commitDetails } from "./eval-command.js";
import { pickCommits } from "./eval-commits.js";
import { ARMS, type EvalOptions, runEval } from "./run-eval.js";

let repo: TempRepo | undefined;
let cacheDir: string | undefined;
afterEach(() => {
  repo?.remove();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

/**
 * A real runner, small: every `test/*.test.ts` names with `// expects: TEXT` what `src/value.ts`
 * must contain, and passes when it does. Writes a vitest-shaped JSON report. The related command
 * lists the tests whose text mentions a changed file's name.
 */
const RUNNER = `
const fs = require("node:fs");
const out = process.argv.find((a) => a.startsWith("--outputFile=")).slice(13);
const value = fs.readFileSync("src/value.ts", "utf8");
const testResults = fs.readdirSync("test").map((file) => {
  const text = fs.readFileSync("test/" + file, "utf8");
  const want = /expects: (.*)/.exec(text)?.[1] ?? "";
  return { name: process.cwd() + "/test/" + file, status: value.includes(want) ? "passed" : "failed", startTime: 0, endTime: 2 };
});
fs.writeFileSync(out, JSON.stringify({ testResults }));
`;
const RELATED = `
const fs = require("node:fs");
const out = process.argv.find((a) => a.startsWith("--outputFile=")).slice(13);
const names = process.argv.slice(2).filter((a) => !a.startsWith("--")).map((f) => f.split("/").pop().replace(/\\.ts$/, ""));
const testResults = fs.readdirSync("test")
  .filter((file) => names.some((n) => fs.readFileSync("test/" + file, "utf8").includes(n)))
  .map((file) => ({ name: process.cwd() + "/test/" + file, status: "passed" }));
fs.writeFileSync(out, JSON.stringify({ testResults }));
`;

const isSource = (path: string) => path.endsWith(".ts") && !path.endsWith(".test.ts");

describe("runEval", () => {
  it("finds the tests that fail with the commit's sources reverted, and scores every arm on them", async () => {
    repo = makeTempRepo();
    repo.write("runner.cjs", RUNNER);
    repo.write("related.cjs", RELATED);
    repo.write("src/value.ts", 'export const value = "one";\n');
    repo.write("src/other.ts", "export const other = 1;\n");
    repo.write("test/value.test.ts", 'import { value } from "../src/value";\n// expects: one\n');
    repo.write("test/other.test.ts", 'import { other } from "../src/other";\n// expects:\n');
    repo.commit("start");
    repo.write("src/value.ts", 'export const value = "two";\n');
    repo.write("test/value.test.ts", 'import { value } from "../src/value";\n// expects: two\n');
    const fix = repo.commit("value two, with its test");
    repo.write("src/other.ts", "export const other = 2;\n");
    repo.commit("other two");
    cacheDir = mkdtempSync(join(tmpdir(), "superplane-eval-cache-"));
    const lines: string[] = [];

    const settingsUsed: EvalOptions = {
      repoDir: repo.dir,
      cwd: repo.dir,
      head: "HEAD",
      commits: 5,
      paths: [],
      historyCommits: 10,
      threshold: 0.85,
      typeCheck: true,
      testCommand: "node runner.cjs",
      relatedCommand: "node related.cjs",
      runner: "vitest",
      cacheDir,
      timeoutMs: 60_000,
      log: (line: string) => {
        lines.push(line);
      },
    };
    const outcomes = await runEval(settingsUsed);

    expect(outcomes.map((o) => o.truth)).toEqual([["test/value.test.ts"], []]);
    expect(outcomes[0]!.sha).toBe(fix);
    const first = outcomes[0]!.arms;
    expect(first[ARMS.superplane]!.selected).toEqual(new Set(["test/value.test.ts"]));
    // No collector, so no record: the no-service arm is the graph's decision.
    expect(first[ARMS.noService]!.selected).toEqual(new Set(["test/value.test.ts"]));
    expect(first[ARMS.graph]!.selected).toEqual(new Set(["test/value.test.ts"]));
    expect(first[ARMS.symbol]!.selected).toEqual(new Set(["test/value.test.ts"]));
    expect(first[ARMS.related]!.selected).toEqual(new Set(["test/value.test.ts"]));
    expect(outcomes[1]!.arms[ARMS.superplane]!.selected).toEqual(new Set(["test/other.test.ts"]));
    expect(lines[0]).toMatch(/^eval: 2 commits/);
    const details = commitDetails(outcomes[0]!, new Map([[ARMS.superplane, "superplane"]]));
    expect(details).toMatchObject({ sha: fix, tests: 2, truth: ["test/value.test.ts"] });
    expect(details.arms.superplane).toEqual(["test/value.test.ts"]);
    expect(details.features["test/value.test.ts"]).toMatchObject({
      reachable: true,
      symbolHit: true,
    });
    expect(details.features["test/other.test.ts"]).toBeUndefined();
    const oldestOnly = await runEval({ ...settingsUsed, stopAfter: 1 });
    expect(oldestOnly.map((o) => o.sha)).toEqual([fix]);
    // The work tree is back at the head it started from.
    expect(repo.git("rev-parse", "HEAD").trim()).toBe(repo.git("rev-parse", "main").trim());
  });
});

describe("pickCommits", () => {
  it("counts a merge as its change against the first parent", async () => {
    repo = makeTempRepo();
    repo.write("src/a.ts", "export const a = 1;\n");
    repo.commit("start");
    repo.git("checkout", "-q", "-b", "topic");
    repo.write("src/a.ts", "export const a = 2;\n");
    repo.commit("topic change");
    repo.git("checkout", "-q", "main");
    repo.write("README.md", "docs\n");
    repo.commit("docs");
    repo.git("merge", "-q", "--no-ff", "-m", "merge topic", "topic");
    const merge = repo.git("rev-parse", "HEAD").trim();

    const commits = await pickCommits(repo.dir, { head: "HEAD", count: 5, paths: [], isSource });
    // The root commit has no parent to revert to; the merge brings src/a.ts to main.
    expect(commits.map((c) => [c.sha, c.sourceFiles])).toEqual([[merge, ["src/a.ts"]]]);
  });
});
