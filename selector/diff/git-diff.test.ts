import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { makeTempRepo, numberedLines, type TempRepo } from "../../test/support/temp-repo.js";
import { GitError } from "../git/errors.js";
import { diffRevisions, WORKTREE } from "./git-diff.js";
import type { FileChange } from "./types.js";

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

function newRepo(): TempRepo {
  const repo = makeTempRepo();
  repos.push(repo);
  return repo;
}

const byPath = (files: FileChange[]) => new Map(files.map((f) => [f.path, f]));

describe("diffRevisions between commits", () => {
  const repo = newRepo();
  repo.write("src/modified.ts", numberedLines(12));
  repo.write("src/deleted.ts", numberedLines(3, "gone"));
  repo.write("src/moved.ts", numberedLines(20, "m"));
  repo.write("src/source.ts", numberedLines(20, "s"));
  repo.write("src/shrink.ts", numberedLines(10));
  repo.write("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  repo.write("docs/read me.md", "one\ntwo\n");
  const base = repo.commit("base");
  repo.write(
    "src/modified.ts",
    numberedLines(12).replace("line 4\n", "LINE 4\nline 4b\n").replace("line 9\n", ""),
  );
  repo.git("rm", "-q", "src/deleted.ts", "src/moved.ts");
  repo.write("src/renamed/moved.ts", numberedLines(20, "m").replace("m 10\n", "M 10\n"));
  repo.write("src/source.ts", numberedLines(20, "s").replace("s 1\n", "S 1\n"));
  repo.write("src/copy.ts", numberedLines(20, "s").replace("s 20\n", "S 20\n"));
  repo.write("src/shrink.ts", numberedLines(10).replace("line 3\nline 4\n", ""));
  repo.write("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9]));
  repo.write("docs/read me.md", "one\nTWO\n");
  repo.write("café/naïve.ts", "export const x = 1;\nexport const y = 2;\n");
  repo.write("src/added.ts", numberedLines(5));
  const head = repo.commit("head");

  test("lists every change with exact ranges", async () => {
    const diff = await diffRevisions(repo.dir, base, head);
    expect(diff.base).toBe(base);
    expect(diff.head).toBe(head);
    const none: never[] = [];
    expect(byPath(diff.files)).toEqual(
      new Map<string, FileChange>([
        [
          "assets/logo.png",
          { path: "assets/logo.png", status: "modified", binary: true, headRanges: none, baseRanges: none },
        ],
        [
          "café/naïve.ts",
          {
            path: "café/naïve.ts",
            status: "added",
            binary: false,
            headRanges: [{ start: 1, end: 2 }],
            baseRanges: none,
          },
        ],
        [
          "docs/read me.md",
          {
            path: "docs/read me.md",
            status: "modified",
            binary: false,
            headRanges: [{ start: 2, end: 2 }],
            baseRanges: [{ start: 2, end: 2 }],
          },
        ],
        [
          "src/added.ts",
          {
            path: "src/added.ts",
            status: "added",
            binary: false,
            headRanges: [{ start: 1, end: 5 }],
            baseRanges: none,
          },
        ],
        [
          "src/copy.ts",
          {
            path: "src/copy.ts",
            oldPath: "src/source.ts",
            status: "copied",
            binary: false,
            headRanges: [{ start: 20, end: 20 }],
            baseRanges: [{ start: 20, end: 20 }],
          },
        ],
        [
          "src/deleted.ts",
          {
            path: "src/deleted.ts",
            status: "deleted",
            binary: false,
            headRanges: none,
            baseRanges: [{ start: 1, end: 3 }],
          },
        ],
        [
          "src/modified.ts",
          {
            path: "src/modified.ts",
            status: "modified",
            binary: false,
            headRanges: [{ start: 4, end: 5 }],
            baseRanges: [
              { start: 4, end: 4 },
              { start: 9, end: 9 },
            ],
          },
        ],
        [
          "src/renamed/moved.ts",
          {
            path: "src/renamed/moved.ts",
            oldPath: "src/moved.ts",
            status: "renamed",
            binary: false,
            headRanges: [{ start: 10, end: 10 }],
            baseRanges: [{ start: 10, end: 10 }],
          },
        ],
        [
          "src/shrink.ts",
          {
            path: "src/shrink.ts",
            status: "modified",
            binary: false,
            headRanges: none,
            baseRanges: [{ start: 3, end: 4 }],
          },
        ],
        [
          "src/source.ts",
          {
            path: "src/source.ts",
            status: "modified",
            binary: false,
            headRanges: [{ start: 1, end: 1 }],
            baseRanges: [{ start: 1, end: 1 }],
          },
        ],
      ]),
    );
    expect(diff.files).toHaveLength(10);
  });

  test("base equal to head is an empty diff", async () => {
    expect(await diffRevisions(repo.dir, head, "HEAD")).toEqual({ base: head, head, files: [] });
  });

  test("an unknown revision is a GitError naming it", async () => {
    const error = await diffRevisions(repo.dir, "no-such-base", "HEAD").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).code).toBe("UNKNOWN_REVISION");
    expect((error as GitError).message).toContain('"no-such-base"');
  });
});

test("outside a repository: NOT_A_REPO", async () => {
  const dir = mkdtempSync(join(tmpdir(), "superplane-not-repo-"));
  try {
    const error = await diffRevisions(dir, "HEAD~1", "HEAD").catch((e: unknown) => e);
    expect((error as GitError).code).toBe("NOT_A_REPO");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("changes that landed on the base branch after the fork are not in the diff", async () => {
  const repo = newRepo();
  repo.write("shared.ts", numberedLines(5));
  const fork = repo.commit("fork point");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("feature.ts", "f\n");
  repo.commit("feature");
  repo.git("checkout", "-q", "main");
  repo.write("shared.ts", numberedLines(6));
  repo.write("main-only.ts", "m\n");
  repo.commit("main moves on");
  const diff = await diffRevisions(repo.dir, "main", "feature");
  expect(diff.base).toBe(fork);
  expect(diff.files).toEqual([
    {
      path: "feature.ts",
      status: "added",
      binary: false,
      headRanges: [{ start: 1, end: 1 }],
      baseRanges: [],
    },
  ]);
});

test("type changes, names with newlines and a user config that changes diff output", async () => {
  const repo = newRepo();
  repo.write("target.ts", "t\n");
  symlinkSync("target.ts", join(repo.dir, "link.ts"));
  const base = repo.commit("base");
  unlinkSync(join(repo.dir, "link.ts"));
  repo.write("link.ts", "now a file\nwith two lines\n");
  repo.write("odd\nname.ts", "a\n");
  for (const [key, value] of [
    ["diff.noprefix", "true"],
    ["diff.mnemonicPrefix", "true"],
    ["diff.renames", "false"],
    ["diff.relative", "true"],
    ["color.diff", "always"],
  ] as const) {
    repo.git("config", key, value);
  }
  const head = repo.commit("head");
  const diff = await diffRevisions(repo.dir, base, head);
  expect(diff.files).toEqual([
    {
      path: "link.ts",
      status: "type-changed",
      binary: false,
      headRanges: [{ start: 1, end: 2 }],
      baseRanges: [{ start: 1, end: 1 }],
    },
    {
      path: "odd\nname.ts",
      status: "added",
      binary: false,
      headRanges: [{ start: 1, end: 1 }],
      baseRanges: [],
    },
  ]);
});

test("WORKTREE: committed, staged, unstaged and untracked work since the merge-base", async () => {
  const repo = newRepo();
  repo.write(".gitignore", "ignored.log\n");
  repo.write("a.ts", numberedLines(4));
  repo.write("b.ts", numberedLines(4));
  const fork = repo.commit("base");
  repo.git("checkout", "-q", "-b", "work");
  repo.write("a.ts", numberedLines(4).replace("line 1\n", "LINE 1\n"));
  repo.commit("committed on the branch");
  repo.write("b.ts", numberedLines(4).replace("line 3\n", "LINE 3\n"));
  repo.git("add", "b.ts");
  repo.write("b.ts", numberedLines(4).replace("line 3\n", "LINE 3\n").replace("line 4\n", "LINE 4\n"));
  repo.write("new dir/untracked.ts", "one\ntwo\nthree");
  repo.write("blob.bin", Buffer.from([1, 0, 2]));
  repo.write("ignored.log", "noise\n");
  const diff = await diffRevisions(join(repo.dir, "new dir"), "main", WORKTREE);
  expect(diff.base).toBe(fork);
  expect(diff.head).toBe(WORKTREE);
  expect(diff.files).toEqual([
    {
      path: "a.ts",
      status: "modified",
      binary: false,
      headRanges: [{ start: 1, end: 1 }],
      baseRanges: [{ start: 1, end: 1 }],
    },
    {
      path: "b.ts",
      status: "modified",
      binary: false,
      headRanges: [{ start: 3, end: 4 }],
      baseRanges: [{ start: 3, end: 4 }],
    },
    { path: "blob.bin", status: "added", binary: true, headRanges: [], baseRanges: [] },
    {
      path: "new dir/untracked.ts",
      status: "added",
      binary: false,
      headRanges: [{ start: 1, end: 3 }],
      baseRanges: [],
    },
  ]);
});
