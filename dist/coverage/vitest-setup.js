import { createRequire as __superplaneRequire } from "node:module";
const require = __superplaneRequire(import.meta.url);

// action/coverage/vitest-setup.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";

// selector/coverage/source-map.ts
import { SourceMap } from "node:module";
function scriptMap(payload) {
  const map = new SourceMap({
    version: 3,
    file: "",
    sourceRoot: "",
    sourcesContent: [],
    names: [],
    ...payload
  });
  const first = map.payload.sources[0];
  return {
    segmentBefore(generated) {
      const entry = map.findEntry(generated.line, generated.column);
      if (entry.generatedLine !== generated.line || entry.originalSource !== first) return void 0;
      return {
        column: entry.generatedColumn,
        original: { line: entry.originalLine, column: entry.originalColumn }
      };
    }
  };
}
var INLINE_MAP = /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/m;
function inlineMap(script) {
  const tail = script.slice(script.lastIndexOf("sourceMappingURL=data:") - 4);
  const match = INLINE_MAP.exec(tail);
  if (!match) return void 0;
  try {
    const map = JSON.parse(Buffer.from(match[1], "base64").toString("utf8"));
    if (typeof map.mappings !== "string") return void 0;
    const sources = Array.isArray(map.sources) ? map.sources.map(String) : [""];
    return scriptMap({ sources: sources.length > 0 ? sources : [""], mappings: map.mappings });
  } catch {
    return void 0;
  }
}
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function positionOf(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = low + high + 1 >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, column: offset - starts[low] };
}

// selector/coverage/executed-positions.ts
var RUNNER_HEADER = /^'use strict';\s*async \([^)]*\)\s*=>\s*\{\{?/;
var RUNNER_GETTER = /^(?:\(\)\s*=>\s*\{\s*try\s*\{\s*return [\w$.]+;?\s*\}\s*catch\s*\{\s*\}\s*\}|get\(\)\{ return [\w$.]+ \})$/;
var RUNNER_GETTER_CALL = /(?:__vite_ssr_exportName__\("(?:[^"\\]|\\.)*", |Object\.defineProperty\(__vite_ssr_exports__, "(?:[^"\\]|\\.)*", \{ enumerable: true, configurable: true, )$/;
function isRunnerGetter(script, start2, end) {
  return RUNNER_GETTER.test(script.slice(start2, end)) && RUNNER_GETTER_CALL.test(script.slice(Math.max(0, start2 - 300), start2));
}
var NEGLIGIBLE_GAP = /^(?:\s|\(|\/\*[\s\S]*?\*\/|(?:const|let|var)\s+__vite_ssr_export_default__\s*=)*$/;
function place(script, starts, map, header, offset) {
  const generated = positionOf(starts, offset);
  const lineStart = starts[generated.line];
  const column = generated.line === 0 ? generated.column - header : generated.column;
  const segment = map.segmentBefore({ line: generated.line, column });
  if (!segment) return void 0;
  const shift = generated.line === 0 ? header : 0;
  const gap = script.slice(lineStart + segment.column + shift, offset);
  return NEGLIGIBLE_GAP.test(gap) ? segment.original : void 0;
}
function executedPositions(script, functions) {
  const header = RUNNER_HEADER.exec(script)?.[0].length ?? 0;
  const map = inlineMap(script);
  const starts = lineStarts(script);
  const positions = [];
  let unplaced = 0;
  for (const fn of functions) {
    const range = fn.ranges[0];
    if (!range || range.count === 0) continue;
    if (range.startOffset <= header && range.endOffset >= script.length - 4) continue;
    if (isRunnerGetter(script, range.startOffset, range.endOffset)) continue;
    if (!map) {
      const at2 = positionOf(starts, range.startOffset);
      positions.push([at2.line, at2.column]);
      continue;
    }
    const at = place(script, starts, map, header, range.startOffset);
    if (at) positions.push([at.line, at.column]);
    else unplaced += 1;
  }
  return { positions, unplaced };
}

// action/coverage/watch-io.ts
import { createRequire, syncBuiltinESMExports } from "node:module";
import { resolve } from "node:path";
var loadBuiltin = createRequire(import.meta.url);
function pathOf(arg) {
  if (typeof arg === "string") return resolve(arg);
  if (arg instanceof URL && arg.protocol === "file:") return resolve(decodeURIComponent(arg.pathname));
  if (Buffer.isBuffer(arg)) return resolve(arg.toString());
  return void 0;
}
var IGNORED = /[\\/]node_modules[\\/]/;
function watchIo() {
  const watched = { read: /* @__PURE__ */ new Set(), listed: /* @__PURE__ */ new Set(), stop: () => {
  } };
  let on = true;
  const wrap = (target, name, note) => {
    const original = target[name];
    if (typeof original !== "function") return;
    const wrapped = function(...args) {
      if (on) note(args);
      return original.apply(this, args);
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
    target[name] = wrapped;
  };
  const into = (set) => (args) => {
    const path = pathOf(args[0]);
    if (path && !IGNORED.test(path)) set.add(path);
  };
  const fs = loadBuiltin("node:fs");
  for (const name of ["readFileSync", "readFile", "createReadStream"]) wrap(fs, name, into(watched.read));
  wrap(fs.promises, "readFile", into(watched.read));
  for (const name of ["readdirSync", "readdir", "opendirSync", "opendir"])
    wrap(fs, name, into(watched.listed));
  wrap(fs.promises, "readdir", into(watched.listed));
  wrap(fs.promises, "opendir", into(watched.listed));
  const children = loadBuiltin("node:child_process");
  for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
    wrap(children, name, (args) => {
      watched.spawned ??= `child_process.${name}(${typeof args[0] === "string" ? args[0] : "\u2026"})`;
    });
  }
  const threads = loadBuiltin("node:worker_threads");
  const Worker = threads.Worker;
  if (typeof Worker === "function") {
    threads.Worker = class extends Worker {
      constructor(...args) {
        if (on) watched.spawned ??= "new Worker()";
        super(...args);
      }
    };
  }
  syncBuiltinESMExports();
  watched.stop = () => {
    on = false;
  };
  return watched;
}

// action/coverage/vitest-setup.ts
var outDir = process.env.SUPERPLANE_COVERAGE_DIR;
var marker = /* @__PURE__ */ Symbol.for("superplane.coverage");
var global = globalThis;
var reused = (global[marker] ?? 0) > 0;
global[marker] = (global[marker] ?? 0) + 1;
function post(session, method, params) {
  return new Promise((resolve2, reject) => {
    session.post(method, params ?? {}, (error, result) => error ? reject(error) : resolve2(result));
  });
}
function blobId(content) {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
async function start() {
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.startPreciseCoverage", { callCount: true, detailed: false });
  await post(session, "Debugger.enable");
  await post(session, "Profiler.takePreciseCoverage");
  return session;
}
function fileOf(path, positions, unplaced) {
  try {
    return { path, blob: blobId(readFileSync(path)), positions, unplaced };
  } catch {
    return void 0;
  }
}
async function write(session, io, testPath) {
  io.stop();
  const { result } = await post(session, "Profiler.takePreciseCoverage");
  const files = /* @__PURE__ */ new Map();
  const scripts = [...result].sort((a, b) => Number(a.scriptId) - Number(b.scriptId));
  let order = 0;
  for (const script of scripts) {
    if (!script.url.startsWith("file://") || script.url.includes("/node_modules/")) continue;
    if (!script.functions.some((fn) => (fn.ranges[0]?.count ?? 0) > 0)) continue;
    const path = fileURLToPath(script.url);
    const { scriptSource } = await post(session, "Debugger.getScriptSource", {
      scriptId: script.scriptId
    });
    const placed = executedPositions(scriptSource, script.functions);
    const seen = files.get(path);
    if (seen) {
      seen.positions.push(...placed.positions);
      seen.unplaced += placed.unplaced;
      continue;
    }
    const file = fileOf(path, placed.positions, placed.unplaced);
    if (file) files.set(path, { ...file, order: order++ });
  }
  for (const path of io.read) {
    const loaded = files.get(path);
    if (loaded) loaded.read = true;
    else {
      const file = fileOf(path, [], 0);
      if (file) files.set(path, { ...file, read: true });
    }
  }
  const raw = {
    version: 1,
    test: testPath,
    reused,
    files: [...files.values()],
    ...io.spawned ? { spawned: io.spawned } : {},
    ...io.listed.size > 0 ? { listed: [...io.listed] } : {}
  };
  mkdirSync(outDir, { recursive: true });
  const name = createHash("sha1").update(testPath).digest("hex").slice(0, 20);
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(raw));
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
//# sourceMappingURL=vitest-setup.js.map
