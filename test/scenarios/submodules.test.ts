import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import { gitIn } from "../support/temp-repo.js";
import { decision, selected } from "./harness.js";

const root = mkdtempSync(join(tmpdir(), "superplane-submodules-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COMMIT = [
  "-c",
  "user.name=SuperPlane Test",
  "-c",
  "user.email=test@superplane.invalid",
  "-c",
  "commit.gpgsign=false",
];
const commit = (dir: string, message: string) => {
  gitIn(dir, ["add", "-A"]);
  gitIn(dir, [...COMMIT, "commit", "-q", "-m", message]);
};
const write = (dir: string, files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
};

/**
 * A repository whose test fixtures are a git submodule (`fixtures/sub`, mode 160000): its files are in
 * no tree of this repository. A bump of the submodule changes what the tests read: `data.json` goes
 * from `{"ok":true}` to `{"ok":false}`, which fails data.test.ts.
 */
function bumpedRepo(name: string, committed: boolean): string {
  const sub = join(root, `${name}-sub`);
  mkdirSync(sub);
  gitIn(sub, ["init", "-q", "-b", "main"]);
  write(sub, { "data.json": '{"ok":true}\n' });
  commit(sub, "s1");
  const repo = join(root, name);
  mkdirSync(repo);
  gitIn(repo, ["init", "-q", "-b", "main"]);
  write(repo, {
    "package.json": '{ "name": "m", "type": "module" }\n',
    "src/one.ts": "export const one = () => 1;\n",
    "test/data.test.ts": `import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
test("the fixture is ok", () => {
  const data = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "sub", "data.json"), "utf8"));
  expect(data.ok).toBe(true);
});
`,
    "test/listing.test.ts": `import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
test("fixtures are listed", () => {
  expect(readdirSync(join(__dirname, "..", "fixtures", process.env.KIND ?? "sub")).length).toBeGreaterThan(0);
});
`,
    "test/one.test.ts": `import { expect, test } from "vitest";
import { one } from "../src/one";
test("one", () => expect(one()).toBe(1));
`,
  });
  gitIn(repo, [
    "-c",
    "protocol.file.allow=always",
    "submodule",
    "add",
    "-q",
    `../${name}-sub`,
    "fixtures/sub",
  ]);
  commit(repo, "base");
  write(sub, { "data.json": '{"ok":false}\n' });
  commit(sub, "s2");
  gitIn(join(repo, "fixtures", "sub"), ["pull", "-q"]);
  if (committed) commit(repo, "bump the fixtures");
  return repo;
}

describe("a submodule bump", () => {
  it("keeps the tests that read a path in it, and the tests that read a folder holding it", async () => {
    const repoDir = bumpedRepo("committed", true);
    const { result } = await selectInRepo({ repoDir, base: "HEAD~1", head: "HEAD", cacheFile: false });
    expect(selected(result)).toEqual(["test/data.test.ts", "test/listing.test.ts"]);
    expect(decision(result, "test/data.test.ts").reasons.join(" ")).toMatch(
      /test\/data\.test\.ts:5 reads fixtures\/sub, which changed/,
    );
  });

  it("in the working tree, not yet committed, keeps them too", async () => {
    const repoDir = bumpedRepo("worktree", false);
    const { result } = await selectInRepo({ repoDir, base: "HEAD", head: "WORKTREE", cacheFile: false });
    expect(selected(result)).toEqual(["test/data.test.ts", "test/listing.test.ts"]);
  });
});
