import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBodyPool } from "./body-pool.js";

/**
 * The pool's lifecycle with worker scripts that misbehave on purpose: one that dies on a job
 * (as a worker out of memory does), one that cannot even load.
 */
const dir = mkdtempSync(join(tmpdir(), "superplane-body-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const job = (xml: string) => ({ kind: "junit" as const, xml });

describe("the body pool", () => {
  it("fails the job of a worker that dies, and serves the next job with a new worker", async () => {
    const path = script(
      "dies.mjs",
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, job }) => {
  if (job.xml === "die") process.exit(7);
  parentPort.postMessage({ id, answer: { ok: true, results: [] } });
});
parentPort.postMessage({ ready: true });`,
    );
    const pool = createBodyPool(path, 1);
    await expect(pool.run(job("die"))).rejects.toThrow(/^a body worker failed: exited with code 7$/);
    await expect(pool.run(job("fine"))).resolves.toEqual({ ok: true, results: [] });
    expect(pool.done).toBe(1);
    await pool.close();
  });

  it("stops, rather than restarting in a loop, when its script cannot load", async () => {
    const path = script("broken.mjs", "throw new Error('cannot load');\n");
    const pool = createBodyPool(path, 1);
    await expect(pool.run(job("a"))).rejects.toThrow(/cannot load/);
    await expect(pool.run(job("b"))).rejects.toThrow(
      /^the body worker .*broken\.mjs cannot start: cannot load$/,
    );
    await pool.close();
  });
});
