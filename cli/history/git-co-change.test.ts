import { afterEach, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { parseNameOnlyLog, readCoChange } from "./git-co-change.js";

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe("parseNameOnlyLog", () => {
  it("splits commits and their NUL-separated paths", () => {
    const log = "\u0001commit aaa\n\nsrc/a.ts\0test/a.test.ts\0\u0001commit bbb\n\nsrc/b.ts\0";
    expect(parseNameOnlyLog(log)).toEqual([
      { sha: "aaa", paths: ["src/a.ts", "test/a.test.ts"] },
      { sha: "bbb", paths: ["src/b.ts"] },
    ]);
  });
});

describe("readCoChange", () => {
  it("counts how often each test changed together with each source file", async () => {
    repo = makeTempRepo();
    repo.write("src/a.ts", "1");
    repo.write("test/a.test.ts", "1");
    repo.commit("a and its test");
    repo.write("src/a.ts", "2");
    repo.commit("a alone");
    repo.write("src/a.ts", "3");
    repo.write("test/a.test.ts", "3");
    repo.write("README.md", "3");
    repo.commit("a and its test again");
    const stats = await readCoChange(repo.dir, {
      rev: "HEAD",
      commits: 10,
      isTest: (p) => p.endsWith(".test.ts"),
      isSource: (p) => p.endsWith(".ts"),
    });
    expect(stats.fileCommits.get("src/a.ts")).toBe(3);
    expect(stats.pairs.get("src/a.ts")?.get("test/a.test.ts")).toBe(2);
    expect(stats.fileCommits.has("README.md")).toBe(false);
  });
});
