import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { drainBatch, parseLsTree } from "./git-tree.js";
import { blobId, commitSource, prefetching, type RevisionSource, worktreeSource } from "./revision-source.js";

let repo: TempRepo;

beforeAll(() => {
  repo = makeTempRepo();
  repo.write("src/a.ts", "export const a = 1;\n");
  repo.write("src/naïve file.ts", "export const b = 2;\n");
  repo.write("src/[id].ts", "export const id = 0;\n");
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
    expect(source.entries.map((e) => e.path)).toEqual(["src/[id].ts", "src/a.ts", "src/naïve file.ts"]);
    const read = await source.read(["src/naïve file.ts", "missing.ts"]);
    expect([...read.keys()]).toEqual(["src/naïve file.ts"]);
    expect(read.get("src/naïve file.ts")?.toString()).toBe("export const b = 2;\n");
  });

  it("reads the working tree with untracked files, hashing them as git does", async () => {
    const source = await worktreeSource(repo.dir);
    expect(source.entries.map((e) => e.path).sort()).toEqual([
      "src/[id].ts",
      "src/a.ts",
      "src/naïve file.ts",
      "src/untracked.ts",
    ]);
    const committed = await commitSource(repo.dir, "HEAD");
    const oid = (s: RevisionSource) => s.entries.find((e) => e.path === "src/a.ts")?.oid;
    expect(oid(source)).toBe(oid(committed));
    expect(blobId(Buffer.from(""))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});

describe("listing only some paths", () => {
  it("lists the names asked for that exist, literally, never a folder's files", async () => {
    const all = await commitSource(repo.dir, "HEAD");
    const named = await commitSource(repo.dir, "HEAD", [
      "src/naïve file.ts",
      "src/[id].ts",
      "src",
      "gone.ts",
    ]);
    expect(named.entries).toEqual(all.entries.filter((e) => e.path !== "src/a.ts"));
    // `[id]` as a pattern would match `src/i.ts` or `src/d.ts`; as a name it is the file itself.
    expect((await commitSource(repo.dir, "HEAD", ["src/[ab].ts"])).entries).toEqual([]);
    expect((await named.read(["src/[id].ts"])).get("src/[id].ts")?.toString()).toBe("export const id = 0;\n");
  });

  it("lists nothing for no names, and as many names as a command line cannot hold", async () => {
    expect((await commitSource(repo.dir, "HEAD", [])).entries).toEqual([]);
    const many = [...Array.from({ length: 5000 }, (_, i) => `src/missing-${i}.ts`), "src/a.ts"];
    expect((await commitSource(repo.dir, "HEAD", many)).entries.map((e) => e.path)).toEqual(["src/a.ts"]);
  });
});

describe("prefetching", () => {
  function counting(source: RevisionSource): { source: RevisionSource; reads: string[][] } {
    const reads: string[][] = [];
    return {
      reads,
      source: {
        ...source,
        read: (paths) => {
          reads.push([...paths]);
          return source.read(paths);
        },
      },
    };
  }

  it("reads the named paths once, up front, and serves later reads of them from that", async () => {
    const { source, reads } = counting(await commitSource(repo.dir, "HEAD"));
    const early = prefetching(source, ["src/a.ts", "missing.ts"]);
    expect(reads).toEqual([["src/a.ts", "missing.ts"]]);
    const read = await early.read(["src/a.ts", "missing.ts"]);
    expect([...read.keys()]).toEqual(["src/a.ts"]);
    expect((await early.read(["missing.ts"])).size).toBe(0);
    expect(reads).toHaveLength(1);
    expect(early.entries).toBe(source.entries);
  });

  it("reads anything else as the source would", async () => {
    const { source, reads } = counting(await commitSource(repo.dir, "HEAD"));
    const early = prefetching(source, ["src/a.ts"]);
    const read = await early.read(["src/a.ts", "src/naïve file.ts"]);
    expect([...read.keys()]).toEqual(["src/a.ts", "src/naïve file.ts"]);
    expect(reads).toEqual([["src/a.ts"], ["src/a.ts", "src/naïve file.ts"]]);
  });
});

describe("git output parsers", () => {
  it("parses ls-tree -z records, skipping symlinks, a submodule as one path", () => {
    const out =
      "100644 blob aaaa\tsrc/x.ts\x00120000 blob bbbb\tlink\x00160000 commit cccc\tvendor/sub\x00100755 blob dddd\tbin/run\0";
    expect(parseLsTree(out)).toEqual([
      { path: "src/x.ts", oid: "aaaa", mode: "100644" },
      { path: "vendor/sub", oid: "cccc", mode: "160000" },
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
