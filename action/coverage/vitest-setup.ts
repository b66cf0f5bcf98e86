/**
 * Runs first in every Vitest test file when coverage is collected (vitest-reporter.ts adds it):
 * starts V8's precise call counts before the test file loads anything, and when the file's tests
 * are done, writes which functions ran, placed in the files as written (RawCoverage). Bundled
 * on its own into dist/coverage/, so it needs nothing of the project it runs in but Vitest.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
import { executedPositions, type V8Function } from "../../selector/coverage/executed-positions.js";
import type { RawCoverage, RawCoveredFile } from "../../selector/coverage/types.js";
import { type WatchedIo, watchIo } from "./watch-io.js";

interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: V8Function[];
}

const outDir = process.env.SUPERPLANE_COVERAGE_DIR;
const marker = Symbol.for("superplane.coverage");
const global = globalThis as { [marker]?: number };
// Isolated runs start a fresh worker per test file; a second file in one worker found modules
// already loaded, so what it loaded cannot be told.
const reused = (global[marker] ?? 0) > 0;
global[marker] = (global[marker] ?? 0) + 1;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

function blobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

async function start(): Promise<Session> {
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.startPreciseCoverage", { callCount: true, detailed: false });
  await post(session, "Debugger.enable");
  // Counts from before this file (Vitest's own start-up) are dropped.
  await post(session, "Profiler.takePreciseCoverage");
  return session;
}

function fileOf(
  path: string,
  positions: RawCoveredFile["positions"],
  unplaced: number,
): RawCoveredFile | undefined {
  try {
    return { path, blob: blobId(readFileSync(path)), positions, unplaced };
  } catch {
    return undefined;
  }
}

async function write(session: Session, io: WatchedIo, testPath: string): Promise<void> {
  io.stop();
  const { result } = await post<{ result: ScriptCoverage[] }>(session, "Profiler.takePreciseCoverage");
  const files = new Map<string, RawCoveredFile>();
  // V8 numbers scripts as it compiles them, and the module runner compiles a module when it
  // starts evaluating it: the order says which modules were loaded before which.
  const scripts = [...result].sort((a, b) => Number(a.scriptId) - Number(b.scriptId));
  let order = 0;
  for (const script of scripts) {
    if (!script.url.startsWith("file://") || script.url.includes("/node_modules/")) continue;
    if (!script.functions.some((fn) => (fn.ranges[0]?.count ?? 0) > 0)) continue;
    const path = fileURLToPath(script.url);
    const { scriptSource } = await post<{ scriptSource: string }>(session, "Debugger.getScriptSource", {
      scriptId: script.scriptId,
    });
    const placed = executedPositions(scriptSource, script.functions);
    const seen = files.get(path);
    if (seen) {
      // One file, two scripts (loaded again under another query): what ran in either ran.
      seen.positions.push(...placed.positions);
      seen.unplaced += placed.unplaced;
      continue;
    }
    const file = fileOf(path, placed.positions, placed.unplaced);
    if (file) files.set(path, { ...file, order: order++ });
  }
  // Read as text, a file is an input whole: any change to it counts.
  for (const path of io.read) {
    const loaded = files.get(path);
    if (loaded) loaded.read = true;
    else {
      const file = fileOf(path, [], 0);
      if (file) files.set(path, { ...file, read: true });
    }
  }
  const raw: RawCoverage = {
    version: 1,
    test: testPath,
    reused,
    files: [...files.values()],
    ...(io.spawned ? { spawned: io.spawned } : {}),
    ...(io.listed.size > 0 ? { listed: [...io.listed] } : {}),
  };
  mkdirSync(outDir!, { recursive: true });
  const name = createHash("sha1").update(testPath).digest("hex").slice(0, 20);
  writeFileSync(join(outDir!, `${name}.json`), JSON.stringify(raw));
}

if (outDir) {
  const testPath = expect.getState().testPath;
  const io = watchIo();
  const session = await start();
  afterAll(async () => {
    try {
      if (testPath) await write(session, io, testPath);
    } finally {
      session.disconnect();
    }
  });
}
