import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/bundle-action.js";
import { bundleCli } from "../../scripts/bundle-cli.js";
import { spawnServe } from "../support/serve-process.js";
import { makeTempRepo, type TempRepo } from "../support/temp-repo.js";

// Under the repository, so the packages left outside the bundle resolve from its node_modules.
const out = join(ROOT, "node_modules", ".cache", `superplane-cli-bundle-${process.pid}`);
const RUN = [
  `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, "superplane.js")).href)});`,
  "process.exitCode = await main(process.argv.slice(1));",
].join("\n");
let repo: TempRepo;
let work: string;

/** Runs the bundle as bin/superplane.js does: its `main` with the arguments. */
const cli = (args: string[]) =>
  execFileSync(process.execPath, ["--input-type=module", "-e", RUN, "--", ...args], {
    cwd: repo.dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

beforeAll(async () => {
  await bundleCli(out);
  work = mkdtempSync(join(tmpdir(), "superplane-bundle-"));
  repo = makeTempRepo();
  repo.write("src/math.ts", "export function add(a: number, b: number) {\n  return a + b;\n}\n");
  repo.write("src/text.ts", "export const shout = (s: string) => s.toUpperCase();\n");
  repo.write("test/math.test.ts", 'import { add } from "../src/math";\nadd(1, 2);\n');
  repo.write("test/text.test.ts", 'import { shout } from "../src/text";\nshout("a");\n');
  repo.commit("base");
  repo.write("src/math.ts", "export function add(a: number, b: number) {\n  return b + a;\n}\n");
  repo.commit("change add");
}, 60_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  repo.remove();
});

describe("the bundled CLI (what bin/superplane.js runs)", () => {
  it("selects from a real repository, cold and then from its parse cache", () => {
    expect(cli(["select", "--base", "HEAD~1", "--format", "list"])).toBe("test/math.test.ts\n");
    expect(cli(["select", "--base", "HEAD~1", "--format", "list"])).toBe("test/math.test.ts\n");
  });

  it("loads a command's own chunk and the packages left outside the bundle when it runs", () => {
    const database = join(work, "superplane.db");
    const token = cli(["token", "create", "--org", "o", "--scope", "read", "--database", database]);
    expect(token.trim()).toMatch(/^\S{20,}$/);
  });

  it("serves, parsing a large gzipped body on the worker thread that sits beside the bundle", async () => {
    const database = join(work, "serve.db");
    const token = cli([
      "token",
      "create",
      "--org",
      "o",
      "--scope",
      "read+write",
      "--database",
      database,
    ]).trim();
    // Without build/bundle/body-worker.js `serve` would stop at start, naming the missing script.
    const server = await spawnServe(
      [process.execPath, "--input-type=module", "-e", RUN, "--"],
      ["--database", database],
    );
    try {
      const post = async (path: string, type: string, body: string) => {
        const response = await request(`${server.url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type, "content-encoding": "gzip" },
          body: gzipSync(body),
        });
        return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
      };
      const repo = await post("/v1/repos", "application/json", JSON.stringify({ name: "o/web" }));
      const features = {
        reachable: false,
        distance: 0,
        symbolHit: false,
        weakOnly: false,
        changedFilesReaching: 0,
        maxFanIn: 0,
        typeTest: false,
      };
      // Past the 1 MiB from which bodies go to the worker.
      const tests = Array.from({ length: 8_000 }, (_, i) => ({ path: `test/t${i}.test.ts`, features }));
      const selection = { repo_id: repo.json.id, commit_sha: "a".repeat(40), changed_files: [], tests };
      expect(JSON.stringify(selection).length).toBeGreaterThan(1024 * 1024);
      const run = await post("/v1/runs", "application/json", JSON.stringify(selection));
      expect([run.status, run.json.tests_total]).toEqual([201, 8_000]);
      const cases = ["a", "b", "c"].flatMap((name) =>
        tests.map((t) => `<testcase classname="${t.path}" name="${name}" time="0.001"/>`),
      );
      const xml = `<testsuites><testsuite name="s">${cases.join("")}</testsuite></testsuites>`;
      expect(xml.length).toBeGreaterThan(1024 * 1024);
      const results = await post(`/v1/runs/${run.json.id}/results`, "application/xml", xml);
      expect([results.status, results.json.status]).toEqual([200, "passed"]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
