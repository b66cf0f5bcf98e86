import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useGithubNock } from "../../test/support/github-nock.js";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { githubApi } from "../github/github-api.js";
import { compareChange } from "./comparison.js";

// A real git repository; only GitHub's compare API is mocked (nock, in-process).
let repo: TempRepo;
let first: string;
let second: string;
useGithubNock();
beforeAll(() => {
  repo = makeTempRepo();
  repo.write("src/a.ts", "export const a = 1;\n");
  repo.write("test/a.test.ts", 'import { a } from "../src/a.js";\n');
  first = repo.commit("one");
  repo.write("src/a.ts", "export const a = 2;\n");
  second = repo.commit("two");
});
afterAll(() => {
  repo.remove();
});

const LOST = "d".repeat(40);
const api = () => githubApi("ghs_token", "https://api.github.com", "acme/web");
const range = (base: string) => ({
  base: { kind: "commit" as const, sha: base },
  head: "HEAD",
  reportSha: second,
});

describe("compareChange", () => {
  it("uses local history when it has the base", async () => {
    expect(await compareChange(repo.dir, range(first), undefined, () => {})).toEqual({
      kind: "git",
      base: first,
      head: second,
    });
  });

  it("asks the compare API when git cannot reach the base, and reads the files it lists", async () => {
    nock("https://api.github.com")
      .get(`/repos/acme/web/compare/${LOST}...${second}`)
      .query(true)
      .reply(200, {
        merge_base_commit: { sha: first },
        files: [
          {
            filename: "src/a.ts",
            status: "modified",
            patch: "@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;",
          },
        ],
      });
    const log: string[] = [];
    const comparison = await compareChange(repo.dir, range(LOST), api(), (line) => log.push(line));
    expect(comparison).toMatchObject({ kind: "api", base: first, head: second });
    expect(comparison.kind === "api" && comparison.diff.files.map((f) => [f.path, f.headRanges])).toEqual([
      ["src/a.ts", [{ start: 1, end: 1 }]],
    ]);
    expect(log.some((line) => line.startsWith("local history cannot answer"))).toBe(true);
  });

  it("runs everything when the merge-base cannot be fetched and a file was deleted", async () => {
    nock("https://api.github.com")
      .get(`/repos/acme/web/compare/${LOST}...${second}`)
      .query(true)
      .reply(200, { merge_base_commit: { sha: LOST }, files: [{ filename: "src/b.ts", status: "removed" }] });
    expect(await compareChange(repo.dir, range(LOST), api(), () => {})).toEqual({
      kind: "none",
      reason: `the base commit ${LOST} cannot be fetched and src/b.ts was deleted`,
    });
  });

  it("says why when neither git nor the API can answer", async () => {
    const withoutToken = await compareChange(repo.dir, range(LOST), undefined, () => {});
    expect(withoutToken.kind).toBe("none");
    expect(withoutToken.kind === "none" && withoutToken.reason).toMatch(
      /\(and no github-token for the compare API\)$/,
    );
    nock("https://api.github.com")
      .get(/compare/)
      .query(true)
      .reply(404, { message: "Not Found" });
    const failed = await compareChange(repo.dir, range(LOST), api(), () => {});
    expect(failed.kind === "none" && failed.reason).toMatch(/; the compare API failed too: Not Found/);
    expect(
      await compareChange(
        repo.dir,
        { head: "HEAD", reportSha: second, fullReason: "a schedule" },
        api(),
        () => {},
      ),
    ).toEqual({
      kind: "none",
      reason: "a schedule",
    });
  });
});
