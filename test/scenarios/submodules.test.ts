import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { selectInRepo } from "../../selector/select/select-in-repo.js";
import { makeTempRepo, type TempRepo } from "../support/temp-repo.js";
import { decision, selected } from "./harness.js";

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});
const tempRepo = () => {
  const repo = makeTempRepo();
  repos.push(repo);
  return repo;
};

/**
 * A repository whose test fixtures are a git submodule (`fixtures/sub`, mode 160000): its files are in
 * no tree of this repository. A bump of the submodule changes what the tests read: `data.json` goes
 * from `{"ok":true}` to `{"ok":false}`, which fails data.test.ts.
 */
/** The repository's own files; `fixtures/sub` is added as a submodule. */
const FILES: Record<string, string> = {
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
};

function bumpedRepo(committed: boolean): string {
  const sub = tempRepo();
  sub.write("data.json", '{"ok":true}\n');
  sub.commit("s1");
  const repo = tempRepo();
  for (const [path, text] of Object.entries(FILES)) repo.write(path, text);
  repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "fixtures/sub");
  repo.commit("base");
  sub.write("data.json", '{"ok":false}\n');
  sub.commit("s2");
  repo.git("-C", join(repo.dir, "fixtures", "sub"), "pull", "-q");
  if (committed) repo.commit("bump the fixtures");
  return repo.dir;
}

describe("a submodule bump", () => {
  it("keeps the tests that read a path in it, and the tests that read a folder holding it", async () => {
    const repoDir = bumpedRepo(true);
    const { result } = await selectInRepo({ repoDir, base: "HEAD~1", head: "HEAD", cacheFile: false });
    expect(selected(result)).toEqual(["test/data.test.ts", "test/listing.test.ts"]);
    expect(decision(result, "test/data.test.ts").reasons.join(" ")).toMatch(
      /test\/data\.test\.ts:5 reads fixtures\/sub, which changed/,
    );
  });

  it("in the working tree, not yet committed, keeps them too", async () => {
    const repoDir = bumpedRepo(false);
    const { result } = await selectInRepo({ repoDir, base: "HEAD", head: "WORKTREE", cacheFile: false });
    expect(selected(result)).toEqual(["test/data.test.ts", "test/listing.test.ts"]);
  });
});
