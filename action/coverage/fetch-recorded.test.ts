import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CoverageRecord, UNITS_VERSION } from "../../selector/coverage/types.js";
import { readBlobs } from "../../selector/repo/git-tree.js";
import { gitIn, makeTempRepo } from "../../test/support/temp-repo.js";
import { fetchRecordedCommits } from "./fetch-recorded.js";

const origin = makeTempRepo();
const root = mkdtempSync(join(tmpdir(), "superplane-fetch-recorded-"));
afterAll(() => {
  origin.remove();
  rmSync(root, { recursive: true, force: true });
});

describe("fetchRecordedCommits", () => {
  it("fetches into a depth-1 checkout the commits whose files a record names and it lacks", async () => {
    origin.write("src/a.ts", "export const a = 1;\n");
    const first = origin.commit("a is 1");
    const blob = origin.git("rev-parse", `${first}:src/a.ts`).trim();
    origin.write("src/a.ts", "export const a = 2;\n");
    const second = origin.commit("a is 2");
    const clone = join(root, "clone");
    mkdirSync(clone);
    gitIn(clone, ["init", "-q"]);
    gitIn(clone, ["remote", "add", "origin", `file://${origin.dir}`]);
    gitIn(clone, ["fetch", "-q", "--depth=1", "origin", second]);
    expect((await readBlobs(clone, [blob])).size).toBe(0);

    const record: CoverageRecord = {
      version: UNITS_VERSION,
      test: "test/a.test.ts",
      commit: first,
      files: [{ path: "src/a.ts", blob, units: [] }],
    };
    const lines: string[] = [];
    expect(await fetchRecordedCommits(clone, [record], (line) => lines.push(line))).toEqual([first]);
    expect((await readBlobs(clone, [blob])).size).toBe(1);
    // Nothing missing: nothing to fetch.
    expect(await fetchRecordedCommits(clone, [record], (line) => lines.push(line))).toEqual([]);
    expect(lines).toEqual([
      `coverage: git fetch --no-tags --no-recurse-submodules --quiet --depth=1 origin ${first}`,
    ]);
  });
});
