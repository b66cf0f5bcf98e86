import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { gitIn, makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { defaultBase } from "./default-base.js";
import { GitError } from "./errors.js";
import { isShallow, mergeBase, resolveRevision } from "./merge-base.js";

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const clean of cleanup) clean();
});

function repoWith(commits: number): { repo: TempRepo; shas: string[] } {
  const repo = makeTempRepo();
  cleanup.push(repo.remove);
  const shas: string[] = [];
  for (let i = 1; i <= commits; i++) {
    repo.write("f.txt", `${i}\n`);
    shas.push(repo.commit(`c${i}`));
  }
  return { repo, shas };
}

async function failure(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

describe("resolveRevision", () => {
  test("resolves names and expressions to full shas", async () => {
    const { repo, shas } = repoWith(2);
    repo.git("tag", "-a", "v1", "-m", "annotated", shas[0]!);
    expect(await resolveRevision(repo.dir, "HEAD")).toBe(shas[1]);
    expect(await resolveRevision(repo.dir, "HEAD~1")).toBe(shas[0]);
    expect(await resolveRevision(repo.dir, "v1")).toBe(shas[0]);
    expect(await resolveRevision(repo.dir, shas[0]!.slice(0, 10))).toBe(shas[0]);
  });

  test("an unknown name is UNKNOWN_REVISION naming it; an option-looking name is not an option", async () => {
    const { repo } = repoWith(1);
    const error = await failure(resolveRevision(repo.dir, "HEAD~5"));
    expect(error.code).toBe("UNKNOWN_REVISION");
    expect(error.revision).toBe("HEAD~5");
    expect(error.message).toBe(
      'unknown revision "HEAD~5" (check the name, or git fetch the branch or commit first)',
    );
    expect((await failure(resolveRevision(repo.dir, "--all"))).code).toBe("UNKNOWN_REVISION");
  });
});

describe("mergeBase", () => {
  test("is the fork point, not the base branch's tip", async () => {
    const { repo, shas } = repoWith(2);
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("feature.txt", "f\n");
    repo.commit("feature work");
    repo.git("checkout", "-q", "main");
    repo.write("main.txt", "m\n");
    const mainTip = repo.commit("main moved on");
    expect(await mergeBase(repo.dir, "main", "feature")).toBe(shas[1]);
    expect(await mergeBase(repo.dir, "feature", "main")).toBe(shas[1]);
    expect(await mergeBase(repo.dir, "main", "main")).toBe(mainTip);
  });

  test("unrelated histories: NO_MERGE_BASE", async () => {
    const { repo } = repoWith(1);
    repo.git("checkout", "-q", "--orphan", "other");
    repo.write("o.txt", "o\n");
    repo.commit("unrelated");
    const error = await failure(mergeBase(repo.dir, "main", "other"));
    expect(error.code).toBe("NO_MERGE_BASE");
    expect(error.message).toBe(
      '"main" and "other" share no history (pick a --base the head branch was created from)',
    );
  });
});

describe("shallow clones", () => {
  test("a base beyond the fetched history is SHALLOW_CLONE with the fix", async () => {
    const { repo } = repoWith(3);
    const parent = mkdtempSync(join(tmpdir(), "superplane-shallow-"));
    cleanup.push(() => rmSync(parent, { recursive: true, force: true }));
    gitIn(parent, ["clone", "-q", "--depth", "1", `file://${repo.dir}`, "clone"]);
    const clone = join(parent, "clone");
    expect(await isShallow(clone)).toBe(true);
    expect(await isShallow(repo.dir)).toBe(false);
    const error = await failure(mergeBase(clone, "HEAD~2", "HEAD"));
    expect(error.code).toBe("SHALLOW_CLONE");
    expect(error.message).toBe(
      'revision "HEAD~2" is not in this shallow clone; fetch the full history: actions/checkout with fetch-depth: 0, or git fetch --unshallow',
    );
  });

  test("a base that is fetched but whose fork point is not: SHALLOW_CLONE", async () => {
    const { repo } = repoWith(3);
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("x.txt", "x\n");
    repo.commit("feature 1");
    repo.write("x.txt", "y\n");
    repo.commit("feature 2");
    repo.git("checkout", "-q", "main");
    repo.write("m.txt", "m\n");
    repo.commit("main 4");
    const parent = mkdtempSync(join(tmpdir(), "superplane-shallow-"));
    cleanup.push(() => rmSync(parent, { recursive: true, force: true }));
    gitIn(parent, ["clone", "-q", "--depth", "1", "--no-single-branch", `file://${repo.dir}`, "clone"]);
    const clone = join(parent, "clone");
    const error = await failure(mergeBase(clone, "origin/main", "origin/feature"));
    expect(error.code).toBe("SHALLOW_CLONE");
    expect(error.message).toMatch(
      /^no merge base of "origin\/main" and "origin\/feature" in this shallow clone; fetch the full history/,
    );
  });
});

describe("defaultBase", () => {
  test("main for a feature branch, HEAD~1 on main itself, main for the working tree", async () => {
    const { repo } = repoWith(2);
    expect(await defaultBase(repo.dir, "HEAD")).toBe("HEAD~1");
    expect(await defaultBase(repo.dir, "WORKTREE")).toBe("main");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("x.txt", "x\n");
    repo.commit("feature");
    expect(await defaultBase(repo.dir, "HEAD")).toBe("main");
  });
});
