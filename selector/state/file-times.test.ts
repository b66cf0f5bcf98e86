import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readRunMs } from "./file-times.js";
import { writeFileTimes } from "./file-times-file.js";

describe("how long the runner ran test files", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
  const files = [{ path: "/repo/a.test.ts", duration_ms: 100 }];

  it("sums the runs that said, and knows nothing when one did not (an older reporter) or none ran", async () => {
    dir = mkdtempSync(join(tmpdir(), "superplane-run-ms-"));
    expect(await readRunMs(dir)).toBeUndefined();
    writeFileTimes(dir, "vitest", files, 1200.4);
    writeFileTimes(dir, "vitest", files, 800);
    expect(await readRunMs(dir)).toBe(2000);
    writeFileTimes(dir, "vitest", files);
    expect(await readRunMs(dir)).toBeUndefined();
  });
});
