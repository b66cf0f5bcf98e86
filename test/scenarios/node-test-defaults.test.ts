import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import { makeTempRepo } from "../support/temp-repo.js";
import { selected } from "./harness.js";

const repo = makeTempRepo();
afterAll(() => repo.remove());

/** Node's test runner with its default patterns, as the package's script runs it: did every test pass? */
const nodeTestPasses = (dir: string) => spawnSync(process.execPath, ["--test"], { cwd: dir }).status === 0;

/**
 * `node --test` with no arguments runs `test/**` and `*-test.js` files too, which no `.test` suffix
 * names: `test/math.js` is a test of this package. Proved with the real runner, then selected.
 */
describe("a package whose script runs node --test", () => {
  it("keeps test/math.js, a test by Node's default patterns, when the change breaks it", async () => {
    const files: Record<string, string> = {
      "package.json": '{ "name": "m", "scripts": { "test": "node --test" } }\n',
      "src/math.js": "exports.double = (x) => x * 2;\n",
      "src/other.js": 'exports.other = () => "other";\n',
      "test/math.js": `const test = require("node:test");
const assert = require("node:assert");
const { double } = require("../src/math");
test("doubles", () => assert.equal(double(2), 4));
`,
      "test/other-test.js": `const test = require("node:test");
const assert = require("node:assert");
const { other } = require("../src/other");
test("other", () => assert.equal(other(), "other"));
`,
    };
    for (const [path, text] of Object.entries(files)) repo.write(path, text);
    repo.commit("base");
    expect(nodeTestPasses(repo.dir)).toBe(true);
    repo.write("src/math.js", "exports.double = (x) => x * 3;\n");
    repo.commit("change");
    expect(nodeTestPasses(repo.dir)).toBe(false);
    execFileSync(process.execPath, ["--test", "test/other-test.js"], { cwd: repo.dir });
    const { result } = await selectInRepo({
      repoDir: repo.dir,
      base: "HEAD~1",
      head: "HEAD",
      cacheFile: false,
    });
    expect(selected(result)).toEqual(["test/math.js"]);
    expect(result.decisions.map((d) => d.test_path).sort()).toEqual(["test/math.js", "test/other-test.js"]);
  });
});
