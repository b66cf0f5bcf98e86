import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { drainBatch, parseLsTree } from "./git-tree.js";
import { blobId, commitSource, worktreeSource } from "./revision-source.js";

let repo: TempRepo;

beforeAll(() => {
  repo = makeTempRepo();
  repo.write("src/a.ts", "export const a = 1;\n");
  repo.write("src/naïve file.ts", "export const b = 2;\n");
  symlinkSync("loop-b", join(repo.dir, "loop-a"));
  symlinkSync("loop-a", join(repo.dir, "loop-b"));
  symlinkSync("src", join(repo.dir, "src-link"));
  repo.commit("base");
  repo.write("src/untracked.ts", "export const c = 3;\n");
});

afterAll(() => repo.remove());

describe("reading a revision", () => {
  it("lists a commit's files with blob ids, leaving out symlinks (loops included)", async () => {
    const source = await commitSource(repo.dir, "HEAD");
    expect(source.entries.map((e) => e.path)).toEqual(["src/a.ts", "src/naïve file.ts"]);
    const read = await source.read(["src/naïve file.ts", "missing.ts"]);
    expect([...read.keys()]).toEqual(["src/naïve file.ts"]);
    expect(read.get("src/naïve file.ts")?.toString()).toBe("export const b = 2;\n");
  });

  it("reads the working tree with untracked files, hashing them as git does", async () => {
    const source = await worktreeSource(repo.dir);
    expect(source.entries.map((e) => e.path).sort()).toEqual([
      "src/a.ts",
      "src/naïve file.ts",
      "src/untracked.ts",
    ]);
    const committed = await commitSource(repo.dir, "HEAD");
    expect(source.entries.find((e) => e.path === "src/a.ts")?.oid).toBe(committed.entries[0]?.oid);
    expect(blobId(Buffer.from(""))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});

describe("git output parsers", () => {
  it("parses ls-tree -z records, skipping symlinks and submodules", () => {
    const out =
      "100644 blob aaaa\tsrc/x.ts\x00120000 blob bbbb\tlink\x00160000 commit cccc\tvendor/sub\x00100755 blob dddd\tbin/run\0";
    expect(parseLsTree(out)).toEqual([
      { path: "src/x.ts", oid: "aaaa", mode: "100644" },
      { path: "bin/run", oid: "dddd", mode: "100755" },
    ]);
  });

  it("drains complete cat-file records and keeps a partial one", () => {
    const blobs = new Map<string, Buffer>();
    const rest = drainBatch(Buffer.from("aaaa blob 3\nabc\nbbbb missing\ncccc blob 5\nhe"), blobs);
    expect([...blobs].map(([k, v]) => [k, v.toString()])).toEqual([["aaaa", "abc"]]);
    expect(rest.toString()).toBe("cccc blob 5\nhe");
  });
});
