import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../service/app.js";
import { mintToken } from "../../service/auth/api-token.js";
import { openStorage } from "../../service/storage/kysely-storage.js";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { UsageError } from "../exit-codes.js";
import { historyImportCommand } from "./history-command.js";

let repo: TempRepo;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "superplane-history-"));
  repo = makeTempRepo();
  repo.write("src/a.ts", "1");
  repo.write("test/a.test.ts", "1");
  repo.write("package-lock.json", "{}");
  repo.commit("a, its test and the lockfile");
  repo.write("src/a.ts", "2");
  repo.write("src/b.ts", "2");
  repo.commit("a and b");
  repo.write("src/a.ts", "3");
  repo.write("test/a.test.ts", "3");
  repo.commit("a and its test again");
});
afterAll(() => {
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe("superplane history import", () => {
  it("stores which tests changed with which files straight into the database", async () => {
    const database = join(dir, "direct.db");
    const lines: string[] = [];
    const code = await historyImportCommand(
      { repo: repo.dir, commits: "10", rev: "HEAD", database, org: "acme", repoName: "acme/web" },
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/imported co-change of 2 files and 1 file-test pairs from the last 10 commits/);
    const storage = await openStorage({ url: database });
    try {
      const org = await storage.ensureOrganization("acme", new Date());
      const [connected] = await storage.listRepos(org.id);
      const stats = await storage.learning.coChange(connected!.id, [
        "src/a.ts",
        "src/b.ts",
        "package-lock.json",
      ]);
      expect(stats.fileCommits).toEqual(
        new Map([
          ["src/a.ts", 3],
          ["src/b.ts", 1],
        ]),
      );
      expect(stats.pairs.get("src/a.ts")).toEqual(new Map([["test/a.test.ts", 2]]));
      const state = await storage.learning.repoLearning(org.id, connected!.id);
      expect(state.historyCommits).toBe(10);
    } finally {
      await storage.close();
    }
  });

  it("sends them to a running service, and says what is missing", async () => {
    const storage = await openStorage({ url: join(dir, "service.db") });
    const app = await buildApp({ storage });
    try {
      const org = await storage.ensureOrganization("acme", new Date());
      const connected = await storage.connectRepo(org.id, "acme/web", new Date());
      const minted = mintToken();
      await storage.createToken(org.id, "read+write", minted.hash, new Date());
      const apiUrl = await app.listen({ host: "127.0.0.1", port: 0 });
      const flags = {
        repo: repo.dir,
        commits: "2",
        rev: "HEAD",
        apiUrl,
        token: minted.token,
        repoId: connected.id,
      };
      expect(await historyImportCommand(flags, () => {})).toBe(0);
      const stats = await storage.learning.coChange(connected.id, ["src/a.ts"]);
      // The last two commits: a with b, then a with its test.
      expect(stats.fileCommits.get("src/a.ts")).toBe(2);
      expect(stats.pairs.get("src/a.ts")?.get("test/a.test.ts")).toBe(1);
      await expect(historyImportCommand({ ...flags, repoId: "repo_nope" }, () => {})).rejects.toThrow(
        "the service answered 404: repository repo_nope not found",
      );
      await expect(historyImportCommand({ ...flags, token: undefined }, () => {})).rejects.toThrow(
        UsageError,
      );
      await expect(historyImportCommand({ ...flags, commits: "0" }, () => {})).rejects.toThrow(
        "--commits must be a whole number, at least 1 (got 0)",
      );
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
