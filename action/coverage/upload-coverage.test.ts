import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawCoverage, UNITS_VERSION } from "../../selector/coverage/types.js";
import { blobId } from "../../selector/repo/revision-source.js";
import { type LoopbackService, startLoopbackService } from "../../test/e2e/loopback-service.js";
import { HttpClient } from "../service/http-client.js";
import { ServiceApi } from "../service/service-api.js";
import { UPLOAD_BATCH, uploadCoverage } from "./upload-coverage.js";

let root: string;
let service: LoopbackService;
let http: HttpClient;
let api: ServiceApi;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "superplane-upload-"));
  service = await startLoopbackService(root);
  http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
  api = new ServiceApi(http);
});

afterAll(async () => {
  await http.close();
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

/** The collector's output for `count` test files, each loading one source file of the workspace. */
function collectorOutput(workspace: string, count: number): string {
  const source = "export const one = () => 1;\n";
  writeFileSync(join(workspace, "one.ts"), source);
  const dir = join(workspace, "raw");
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const raw: RawCoverage = {
      version: 1,
      test: join(workspace, `t${i}.test.ts`),
      reused: false,
      files: [
        {
          path: join(workspace, "one.ts"),
          blob: blobId(Buffer.from(source)),
          positions: [[0, 19]],
          unplaced: 0,
        },
      ],
    };
    writeFileSync(join(dir, `${i}.json`), JSON.stringify(raw));
  }
  return dir;
}

describe("uploadCoverage", () => {
  it("stores the records of the passing tests only, in batches, and the service answers them back", async () => {
    const workspace = mkdtempSync(join(root, "ws-"));
    const dir = collectorOutput(workspace, UPLOAD_BATCH + 20);
    const repoId = await api.connectRepo("acme/upload");
    const passed = new Set(Array.from({ length: UPLOAD_BATCH + 10 }, (_, i) => `t${i}.test.ts`));
    const said = await uploadCoverage({
      service: api,
      repoId,
      commitSha: "a".repeat(40),
      workspace,
      dir,
      passed,
      exitCode: 1,
      log: () => {},
    });
    expect(said).toBe(`coverage of ${UPLOAD_BATCH + 10} passing test files stored`);
    const back = await api.coverageRecords(repoId, ["t0.test.ts", `t${UPLOAD_BATCH + 15}.test.ts`]);
    expect(back).toEqual([
      {
        version: UNITS_VERSION,
        test: "t0.test.ts",
        commit: "a".repeat(40),
        files: [{ path: "one.ts", blob: blobId(Buffer.from("export const one = () => 1;\n")), units: [0] }],
      },
    ]);
  });

  it("without results, only a command that exited 0 vouches for its tests", async () => {
    const workspace = mkdtempSync(join(root, "ws-"));
    const dir = collectorOutput(workspace, 2);
    const repoId = await api.connectRepo("acme/upload-exit");
    const input = {
      service: api,
      repoId,
      commitSha: "b".repeat(40),
      workspace,
      dir,
      passed: undefined,
      log: () => {},
    };
    expect(await uploadCoverage({ ...input, exitCode: 1 })).toBe(
      "coverage of 2 test files recorded, none of them passed",
    );
    expect(await uploadCoverage({ ...input, exitCode: 0 })).toBe("coverage of 2 passing test files stored");
    expect(await uploadCoverage({ ...input, exitCode: 0, dir: join(workspace, "none") })).toBe(
      "no coverage was recorded (put {coverage} in the run command to record it)",
    );
  });
});
