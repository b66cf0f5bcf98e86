import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/bundle-action.js";
import { bundleCli } from "../../scripts/bundle-cli.js";
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
});
