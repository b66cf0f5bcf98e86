import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

/** The scripts a file runs in a child process or worker, as `specifier (computed)`. */
const runsOf = (source: string, path = "test/a.test.ts") =>
  extractFacts(path, source)
    .imports.filter((r) => r.spawned && !r.packageBin)
    .map((r) => `${r.specifier}${r.computed ? ` (${r.computed})` : ""}`);

const CP = `import { execFileSync, execSync, fork, spawn, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
`;

describe("scripts run in a child process or a worker", () => {
  it("hands a program named by bare name to the graph, to look up among the repository's package bins", () => {
    const source = `${CP}execFileSync("mycli", ["--help"]);
spawnSync("npx", ["create-thing", "out/"]);
execSync("git status && ./bin/run.sh");
execFileSync(process.execPath, ["x.js"]);`;
    const bins = extractFacts("test/a.test.ts", source)
      .imports.filter((r) => r.packageBin)
      .map((r) => r.specifier);
    expect(bins).toEqual(["mycli", "create-thing", "git"]);
  });

  it("marks the files Node runs as scripts, not the files another program is handed", () => {
    const source = `${CP}spawnSync("node", ["--import", "./test/register.js", "dist/cli.js"]);
execFileSync("bash", ["scripts/check.sh", "out/report.txt"]);
execFileSync("./bin/tool.sh", ["data/input.csv/"]);
fork("dist/worker.js");`;
    const marked = extractFacts("test/a.test.ts", source)
      .imports.filter((r) => r.spawned && !r.packageBin)
      .map((r) => `${r.specifier}${r.script ? " (script)" : ""}`);
    expect(marked).toEqual([
      "./register.js (script)",
      "../dist/cli.js (script)",
      "../scripts/check.sh",
      "../out/report.txt",
      "../bin/tool.sh (script)",
      "../data/input.csv/",
      "../dist/worker.js (script)",
    ]);
  });

  it("follows Node's script in an argument list, whatever names Node", () => {
    const source = `${CP}const CLI = join(__dirname, "..", "bin", "cli.js");
execFileSync(process.execPath, [CLI, "serve", "--port", "0"]);
spawnSync("node", ["--import", "./test/register.js", "--no-warnings", "src/main.js"]);
spawn("npx", ["tsx", "scripts/seed.ts", "--fast"]);`;
    expect(runsOf(source)).toEqual([
      "../bin/cli.js",
      "./register.js",
      "../src/main.js",
      "../scripts/seed.ts",
    ]);
  });

  it("follows a forked module, a command line and the call's cwd", () => {
    const source = `${CP}const ROOT = resolve(__dirname, "..");
fork(join(ROOT, "src", "child.js"));
execSync(\`node \${ROOT}/src/cli.js --name Ada\`);
execSync("node cli.js", { cwd: join(ROOT, "packages", "tool") });`;
    expect(runsOf(source)).toEqual(["../src/child.js", "../src/cli.js", "../packages/tool/cli.js"]);
  });

  it("counts another program's arguments only where they are file paths", () => {
    const source = `${CP}execFileSync("git", ["commit", "-m", "message"]);
execFileSync("bash", ["scripts/check.sh", "all"]);
execSync("tsc -p tsconfig.build.json");`;
    expect(runsOf(source)).toEqual(["../scripts/check.sh"]);
  });

  it("hands a package script run by npm, yarn, pnpm or node --run to the graph, with its folder and the words handed on", () => {
    const scripts = (source: string) =>
      extractFacts("test/a.test.ts", source)
        .imports.filter((r) => r.spawned && !r.packageBin)
        .map((r) => `${r.specifier} ${JSON.stringify(r.packageScript)}`);
    const source = `${CP}const ROOT = resolve(__dirname, "..");
execSync("npm run --silent gen -- --out x");
execSync("npm test", { cwd: join(ROOT, "packages", "tool") });
execFileSync("yarn", ["--cwd", "packages/web", "build"]);
spawnSync("pnpm", ["run", "lint"]);
execSync(\`npm run \${process.env.TASK}\`);
execSync("npm install");
execSync("npm exec tsx scripts/seed.ts");
execFileSync(process.execPath, ["--run", "check"]);`;
    expect(scripts(source)).toEqual([
      '../ {"name":"gen","args":["--out","x"]}',
      '../packages/tool/ {"name":"test"}',
      '../packages/web/ {"name":"build"}',
      '../ {"name":"lint"}',
      `\`npm run \${process.env.TASK}\` {}`,
      "../scripts/seed.ts undefined",
      '../ {"name":"check"}',
    ]);
  });

  it("takes Node's script that nothing static tells as unknown, and code run with -e as no file", () => {
    const source = `${CP}export const run = (script: string) => execFileSync(process.execPath, [script]);
export const runAll = (args: string[]) => spawnSync(process.execPath, [...args]);
execFileSync(process.execPath, ["-e", "console.log(1)"]);
fork(join(__dirname, "workers", process.env.NAME!));`;
    expect(runsOf(source)).toEqual(["script (unknown)", "...args (unknown)", "./workers/** (pattern)"]);
  });

  it("follows a worker thread started from a path, not one from code or a URL", () => {
    const source = `import { Worker } from "node:worker_threads";
import * as threads from "worker_threads";
import { join } from "node:path";
new Worker(join(__dirname, "worker.js"));
new threads.Worker("./test/pool-worker.js");
new Worker("postMessage(1)", { eval: true });
new Worker(new URL("./url-worker.js", import.meta.url));`;
    expect(runsOf(source)).toEqual(["./worker.js", "./pool-worker.js"]);
  });

  it("follows execa's program, module and command forms", () => {
    const source = `import { execa, execaNode, execaCommand } from "execa";
await execa("node", ["src/a.js"]);
await execaNode("src/b.js");
await execaCommand("tsx src/c.ts");`;
    expect(runsOf(source, "a.test.ts")).toEqual(["./src/a.js", "./src/b.js", "./src/c.ts"]);
  });

  it("follows execa 5's default export and its members", () => {
    const source = `import execa from "execa";
const run = require("execa");
execa.sync("node", ["src/a.js"]);
await execa.node("src/b.js");
execa.commandSync("node src/c.js");
await execa("tsx", ["src/d.ts"]);
run.sync("node", ["src/e.js"]);`;
    expect(runsOf(source, "a.test.ts")).toEqual([
      "./src/a.js",
      "./src/b.js",
      "./src/c.js",
      "./src/d.ts",
      "./src/e.js",
    ]);
  });

  it("reads nothing where no process module is imported", () => {
    expect(runsOf(`const spawn = (x: string) => x;\nspawn("node src/cli.js");`)).toEqual([]);
  });
});
