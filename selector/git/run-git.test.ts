import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { makeTempRepo } from "../../test/support/temp-repo.js";
import { classifyGitFailure, GitError } from "./errors.js";
import { gitDir, topLevel } from "./git-dir.js";
import { execGit, runGit, runGitBuffer } from "./run-git.js";

const repo = makeTempRepo();
repo.write("sub/ü.txt", "x\n");
const head = repo.commit("one");
const plain = mkdtempSync(join(tmpdir(), "superplane-plain-"));
afterAll(() => {
  repo.remove();
  rmSync(plain, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

describe("runGit", () => {
  test("returns stdout, with non-ASCII names unquoted", async () => {
    expect(await runGit(repo.dir, ["rev-parse", "HEAD"])).toBe(`${head}\n`);
    expect(await runGit(repo.dir, ["ls-files"])).toBe("sub/ü.txt\n");
    expect(
      (await runGitBuffer(repo.dir, ["cat-file", "blob", "HEAD:sub/ü.txt"])).equals(Buffer.from("x\n")),
    ).toBe(true);
  });

  test("execGit reports the exit code instead of throwing", async () => {
    const result = await execGit(repo.dir, ["rev-parse", "--verify", "--quiet", "nope"]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.length).toBe(0);
  });

  test("works from a subdirectory; gitDir and topLevel are absolute", async () => {
    expect(await topLevel(join(repo.dir, "sub"))).toBe(
      await runGit(repo.dir, ["rev-parse", "--show-toplevel"]).then((s) => s.trim()),
    );
    expect(await gitDir(join(repo.dir, "sub"))).toBe(join(await topLevel(repo.dir), ".git"));
  });

  test("outside a repository: NOT_A_REPO", async () => {
    const error = await failure(runGit(plain, ["rev-parse", "HEAD"]));
    expect(error.code).toBe("NOT_A_REPO");
    expect(error.message).toBe(
      `not a git repository: ${plain} (run inside a git checkout, or point --repo at one)`,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  test("a directory that does not exist: NOT_A_REPO, not GIT_MISSING", async () => {
    const error = await failure(runGit(join(plain, "absent"), ["status"]));
    expect(error.code).toBe("NOT_A_REPO");
  });

  test("git not installed: GIT_MISSING", async () => {
    const error = await failure(runGit(repo.dir, ["status"], { gitBinary: join(plain, "no-such-git") }));
    expect(error.code).toBe("GIT_MISSING");
    expect(error.message).toBe(
      `git is not installed or not on PATH (install git; looked for "${join(plain, "no-such-git")}")`,
    );
  });

  test("an unknown revision is named", async () => {
    const error = await failure(runGit(repo.dir, ["log", "-1", "no-such-branch"]));
    expect(error.code).toBe("UNKNOWN_REVISION");
    expect(error.revision).toBe("no-such-branch");
    expect(error.message).toBe(
      'unknown revision "no-such-branch" (check the name, or git fetch the branch or commit first)',
    );
  });

  test("any other failure: GIT_FAILED with stderr's first line", async () => {
    const error = await failure(runGit(repo.dir, ["frobnicate"]));
    expect(error.code).toBe("GIT_FAILED");
    expect(error.message).toBe(
      "git frobnicate failed: git: 'frobnicate' is not a git command. See 'git --help'.",
    );
  });
});

describe("classifyGitFailure", () => {
  test("recognises git's messages", () => {
    const classify = (stderr: string) => classifyGitFailure("/r", ["diff"], stderr, 128);
    expect(classify("fatal: not a git repository (or any of the parent directories): .git\n").code).toBe(
      "NOT_A_REPO",
    );
    expect(classify("fatal: bad revision 'abc123'\n").revision).toBe("abc123");
    expect(classify("fatal: Not a valid object name feature/x\n").revision).toBe("feature/x");
    expect(classify("fatal: detected dubious ownership in repository at '/r'\n").message).toBe(
      "git refuses a repository owned by another user: /r (git config --global --add safe.directory /r)",
    );
    expect(classify("\nerror: something odd\nmore\n").message).toBe("git diff failed: error: something odd");
    expect(classify("").message).toBe("git diff failed: exit code 128");
  });
});
