import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTempRepo, type TempRepo } from "../test/support/temp-repo.js";
import { main } from "./main.js";

let repo: TempRepo;
let out: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const outSpy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const errSpy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "superplane-cli-"));
  repo = makeTempRepo();
  repo.write("src/math.ts", "export function add(a: number, b: number) {\n  return a + b;\n}\n");
  repo.write("src/text.ts", "export const shout = (s: string) => s.toUpperCase();\n");
  repo.write("test/math.test.ts", 'import { add } from "../src/math";\nadd(1, 2);\n');
  repo.write("test/text.test.ts", 'import { shout } from "../src/text";\nshout("a");\n');
  repo.commit("base");
  repo.write("src/math.ts", "export function add(a: number, b: number) {\n  return b + a;\n}\n");
  repo.commit("change add");
});

afterAll(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

describe("superplane select", () => {
  it("lists the selected tests, one per line", async () => {
    const result = await run([
      "select",
      "--repo",
      repo.dir,
      "--base",
      "HEAD~1",
      "--format",
      "list",
      "--no-cache",
    ]);
    expect(result).toMatchObject({ code: 0, stdout: "test/math.test.ts\n" });
  });

  it("writes the API's JSON shape to --output", async () => {
    const file = join(out, "selection.json");
    const result = await run([
      "select",
      "--repo",
      repo.dir,
      "--base",
      "HEAD~1",
      "--format",
      "json",
      "--output",
      file,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json).toMatchObject({ mode: "selective", tests_selected: 1, tests_total: 2, policy: "defaults" });
    expect(json.decisions[0]).toMatchObject({ test_path: "test/math.test.ts", selected: true });
    expect(json.decisions[0].reasons[0]).toBe("graph: src/math.ts -> test/math.test.ts; uses changed add");
    // Where the time went, start-up and git included, for `npm run bench` and curious users.
    for (const phase of ["startup_ms", "git_ms", "cache_load_ms", "parse_ms", "graph_ms", "total_ms"]) {
      expect(json.timings[phase]).toBeGreaterThanOrEqual(0);
    }
  });

  it("explains itself in text", async () => {
    const result = await run(["select", "--repo", repo.dir, "--base", "HEAD~1"]);
    expect(result.stdout).toContain("SuperPlane: 1 of 2 tests selected");
    expect(result.stdout).toContain("Skipped: 1 test(s)");
  });

  it("answers bad usage with exit code 2", async () => {
    const result = await run(["select", "--repo", repo.dir, "--format", "yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be one of json, text, list (got "yaml")');
    expect((await run(["select", "--threshold", "2", "--repo", repo.dir])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
  });

  it("answers git problems with exit code 3 and one line", async () => {
    const unknown = await run(["select", "--repo", repo.dir, "--base", "no-such-branch"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("no-such-branch");
    const notRepo = await run(["select", "--repo", out, "--base", "HEAD~1"]);
    expect(notRepo.code).toBe(3);
  });

  it("an invalid policy runs everything and exits 4 naming the line", async () => {
    const policy = join(out, "policy.yml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(policy, "version: 1\nselection:\n  confidence_threshold: high\n");
    const result = await run([
      "select",
      "--repo",
      repo.dir,
      "--base",
      "HEAD~1",
      "--policy",
      policy,
      "--format",
      "list",
    ]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("test/math.test.ts\ntest/text.test.ts\n");
    expect(result.stderr).toContain("policy.yml:3:3: selection.confidence_threshold");
  });
});

describe("superplane graph", () => {
  it("prints the graph as JSON and explains a test", async () => {
    const graph = await run(["graph", "--repo", repo.dir]);
    const json = JSON.parse(graph.stdout);
    const test = json.nodes.find((n: { path: string }) => n.path === "test/math.test.ts");
    expect(test.imports[0]).toMatchObject({ to: "src/math.ts", kind: "static", names: ["add"] });
    const why = await run(["graph", "--repo", repo.dir, "--why", "test/text.test.ts", "--base", "HEAD~1"]);
    expect(why.stdout).toContain("test/text.test.ts: skipped");
    const dot = await run(["graph", "--repo", repo.dir, "--format", "dot"]);
    expect(dot.stdout).toContain('"test/math.test.ts" -> "src/math.ts"');
  });
});
