import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, SHA } from "../../test/support/service-kit.js";

let kit: Kit;
afterEach(() => kit.close());

const url = (repoId: string) => `/v1/repos/${repoId}/durations`;
const measured = (test_path: string, duration_ms: number, measured_at: string) => ({
  test_path,
  duration_ms,
  measured_at,
  commit_sha: SHA,
});

async function put(durations: unknown[], token = kit.tokens.write, repoId = kit.repoId) {
  return kit.call(token, { method: "PUT", url: url(repoId), payload: { durations } });
}

describe("durations uploaded from local state", () => {
  it("stores each test's duration, keeps the newer of two and lists them", async () => {
    kit = await makeKit();
    const first = await put([
      measured("test/a.test.ts", 1200, "2026-01-02T00:00:00.000Z"),
      measured("test/b.test.ts", 300, "2026-01-02T00:00:00.000Z"),
    ]);
    expect([first.statusCode, first.json()]).toEqual([200, { stored: 2 }]);
    // An older measurement of a.test.ts does not replace the newer one; a newer one of b does.
    const second = await put([
      measured("test/a.test.ts", 9, "2026-01-01T00:00:00.000Z"),
      measured("test/b.test.ts", 450, "2026-01-03T00:00:00.000Z"),
    ]);
    expect(second.statusCode).toBe(200);
    const list = await kit.call(kit.tokens.read, { method: "GET", url: url(kit.repoId) });
    expect([list.statusCode, list.json()]).toEqual([
      200,
      {
        durations: [
          measured("test/a.test.ts", 1200, "2026-01-02T00:00:00.000Z"),
          measured("test/b.test.ts", 450, "2026-01-03T00:00:00.000Z"),
        ],
      },
    ]);
  });

  it("takes uploads only with a read+write token, for a repository of the token's organization", async () => {
    kit = await makeKit();
    const row = [measured("test/a.test.ts", 1, "2026-01-02T00:00:00.000Z")];
    expect((await put(row, kit.tokens.read)).statusCode).toBe(403);
    expect((await put(row, kit.tokens.write, "repo_nope")).statusCode).toBe(404);
    expect((await put([{ test_path: "x", duration_ms: -1 }])).statusCode).toBe(400);
  });
});
