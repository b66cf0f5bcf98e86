/**
 * What a test does that V8's coverage of its own worker cannot show: files it reads as text or
 * lists (a fixture, a snapshot it compares by hand), and processes or threads it starts (code run
 * there is not counted here). Watched by wrapping Node's fs, child_process and worker_threads in
 * the test's worker; the coverage setup turns reads into whole-file dependencies and a spawn or a
 * listing into "not recorded".
 */
import { createRequire, syncBuiltinESMExports } from "node:module";
import { resolve } from "node:path";

export interface WatchedIo {
  /** Absolute paths read as files. */
  read: Set<string>;
  /** Absolute paths listed as directories. */
  listed: Set<string>;
  /** What it started (`child_process.spawn`, `new Worker`), or undefined. */
  spawned?: string;
  /** Stops recording (the setup's own reads after the tests are not the test's). */
  stop(): void;
}

type Fn = (...args: unknown[]) => unknown;

const loadBuiltin = createRequire(import.meta.url);

function pathOf(arg: unknown): string | undefined {
  if (typeof arg === "string") return resolve(arg);
  if (arg instanceof URL && arg.protocol === "file:") return resolve(decodeURIComponent(arg.pathname));
  if (Buffer.isBuffer(arg)) return resolve(arg.toString());
  return undefined;
}

const IGNORED = /[\\/]node_modules[\\/]/;

export function watchIo(): WatchedIo {
  const watched: WatchedIo = { read: new Set(), listed: new Set(), stop: () => {} };
  let on = true;
  const wrap = (target: Record<string, unknown>, name: string, note: (args: unknown[]) => void) => {
    const original = target[name];
    if (typeof original !== "function") return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      if (on) note(args);
      return (original as Fn).apply(this, args);
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
    target[name] = wrapped;
  };
  const into = (set: Set<string>) => (args: unknown[]) => {
    const path = pathOf(args[0]);
    if (path && !IGNORED.test(path)) set.add(path);
  };
  const fs = loadBuiltin("node:fs") as Record<string, unknown> & { promises: Record<string, unknown> };
  for (const name of ["readFileSync", "readFile", "createReadStream"]) wrap(fs, name, into(watched.read));
  wrap(fs.promises, "readFile", into(watched.read));
  for (const name of ["readdirSync", "readdir", "opendirSync", "opendir"])
    wrap(fs, name, into(watched.listed));
  wrap(fs.promises, "readdir", into(watched.listed));
  wrap(fs.promises, "opendir", into(watched.listed));
  const children = loadBuiltin("node:child_process") as Record<string, unknown>;
  for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
    wrap(children, name, (args) => {
      watched.spawned ??= `child_process.${name}(${typeof args[0] === "string" ? args[0] : "…"})`;
    });
  }
  const threads = loadBuiltin("node:worker_threads") as Record<string, unknown>;
  const Worker = threads.Worker as new (...args: unknown[]) => object;
  if (typeof Worker === "function") {
    threads.Worker = class extends Worker {
      constructor(...args: unknown[]) {
        if (on) watched.spawned ??= "new Worker()";
        super(...args);
      }
    };
  }
  // ESM imports of these modules (`import { readFileSync } from "node:fs"`) see the wrappers too.
  syncBuiltinESMExports();
  watched.stop = () => {
    on = false;
  };
  return watched;
}
