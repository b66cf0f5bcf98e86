import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { testDatabases } from "../../test/support/databases.js";
import { encodeCoverage } from "./coverage-encoding.js";
import type { Storage } from "./storage.js";

const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 12, minute));
const sha = (c: string) => c.repeat(40);
/** An upload's records in their stored form, as the coverage route encodes them. */
const encode = (commit: string, records: CoverageRecord[]) =>
  encodeCoverage(commit, records, { clean: false });

function record(test: string, blob: string, units: number[] | "all", commit?: string): CoverageRecord {
  return {
    version: 1,
    test,
    ...(commit ? { commit } : {}),
    files: [
      { path: "src/math.ts", blob: sha(blob), units },
      { path: test, blob: sha("f"), units: "all" },
    ],
  };
}

describe.each(testDatabases())("coverage storage on $name", (database) => {
  let storage: Storage;
  let orgId: string;
  let otherOrgId: string;
  let repoId: string;
  let otherRepoId: string;

  beforeAll(async () => {
    storage = await database.open();
    orgId = (await storage.ensureOrganization("acme", at(0))).id;
    otherOrgId = (await storage.ensureOrganization("globex", at(0))).id;
    repoId = (await storage.connectRepo(orgId, "acme/web", at(0))).id;
    otherRepoId = (await storage.connectRepo(otherOrgId, "globex/app", at(0))).id;
  });
  afterAll(() => database.dispose());

  it("stores the latest record per test, the upload's commit where a record names none", async () => {
    const a = record("test/a.test.ts", "1", [0, 2]);
    const b = record("test/b.test.ts", "1", "all", sha("9"));
    expect(await storage.coverage.store(orgId, repoId, encode(sha("c"), [a, b]), at(1))).toBe(2);
    expect(await storage.coverage.latest(orgId, repoId, ["test/b.test.ts", "test/a.test.ts"])).toEqual([
      b,
      { ...a, commit: sha("c") },
    ]);
    const a2 = record("test/a.test.ts", "2", [5]);
    expect(await storage.coverage.store(orgId, repoId, encode(sha("d"), [a2]), at(2))).toBe(1);
    expect(await storage.coverage.latest(orgId, repoId, ["test/a.test.ts", "test/b.test.ts"])).toEqual([
      { ...a2, commit: sha("d") },
      b,
    ]);
  });

  it("omits tests without a record and answers once per test asked twice", async () => {
    expect(
      (
        await storage.coverage.latest(orgId, repoId, [
          "test/none.test.ts",
          "test/b.test.ts",
          "test/b.test.ts",
        ])
      ).map((r) => r.test),
    ).toEqual(["test/b.test.ts"]);
    expect(await storage.coverage.latest(orgId, repoId, [])).toEqual([]);
  });

  it("keeps the last of two records for one test in an upload", async () => {
    const first = record("test/twice.test.ts", "3", [1]);
    const last = record("test/twice.test.ts", "4", [2]);
    expect(await storage.coverage.store(orgId, repoId, encode(sha("e"), [first, last]), at(3))).toBe(1);
    expect(await storage.coverage.latest(orgId, repoId, ["test/twice.test.ts"])).toEqual([
      { ...last, commit: sha("e") },
    ]);
  });

  it("stores thousands of records and large ones in several statements, exactly", async () => {
    const many = Array.from({ length: 1_200 }, (_, i) =>
      record(`pkg/ünï "cödé"/\\${String(i).padStart(4, "0")}'.test.ts`, "5", [i, i + 1], sha("a")),
    );
    // Over the bytes a statement carries: two records of about 5 MB each.
    const big = ["x", "y"].map((name) => ({
      version: 1,
      test: `test/${name}.test.ts`,
      commit: sha("a"),
      files: [{ path: "src/huge.ts", blob: sha("6"), units: Array.from({ length: 700_000 }, (_, i) => i) }],
    }));
    const all = [...many, ...big];
    expect(await storage.coverage.store(orgId, repoId, encode(sha("a"), all), at(4))).toBe(all.length);
    const tests = all.map((r) => r.test);
    expect(await storage.coverage.latest(orgId, repoId, tests)).toEqual(all);
  });

  it("never reads, writes or forgets another organization's repository", async () => {
    const mine = record("test/a.test.ts", "7", [0]);
    expect(await storage.coverage.store(otherOrgId, repoId, encode(sha("b"), [mine]), at(5))).toBe(0);
    expect(await storage.coverage.latest(otherOrgId, repoId, ["test/a.test.ts"])).toEqual([]);
    expect(await storage.coverage.forget(otherOrgId, repoId)).toBe(0);
    expect(await storage.coverage.store(otherOrgId, otherRepoId, encode(sha("b"), [mine]), at(5))).toBe(1);
    expect(await storage.coverage.latest(orgId, otherRepoId, ["test/a.test.ts"])).toEqual([]);
    const [own] = await storage.coverage.latest(orgId, repoId, ["test/a.test.ts"]);
    expect(own?.files[0]?.blob).toBe(sha("2"));
  });

  it("forgets every record of one repository only", async () => {
    const before = await storage.coverage.latest(orgId, repoId, ["test/a.test.ts", "test/b.test.ts"]);
    expect(before).toHaveLength(2);
    expect(await storage.coverage.forget(orgId, repoId)).toBe(1_205);
    expect(await storage.coverage.latest(orgId, repoId, ["test/a.test.ts", "test/b.test.ts"])).toEqual([]);
    expect(await storage.coverage.forget(orgId, repoId)).toBe(0);
    expect(await storage.coverage.latest(otherOrgId, otherRepoId, ["test/a.test.ts"])).toHaveLength(1);
  });
});
