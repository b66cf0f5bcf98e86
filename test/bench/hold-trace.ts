/**
 * Preloaded into `superplane serve` (`NODE_OPTIONS=--import=<build>/test/bench/hold-trace.js
 * HOLD_LOG=<file>`): for each request whose body is over 1 MiB, the longest stretch in which a 2 ms
 * interval did not run, and how that stretch was spent by the main thread according to Linux
 * (`/proc/self/task/<pid>/schedstat`): on a CPU, runnable but waiting for one, or neither (blocked
 * in a system call: disk writes, a lock). On a machine shared by other work the event loop's delay
 * mostly measures the other work; the time on a CPU is what this process's code held. One JSON
 * line a request, appended to HOLD_LOG when it is answered. Linux only; a diagnostic, not product code.
 */
import { appendFileSync, readFileSync } from "node:fs";
import http from "node:http";
import { isMainThread } from "node:worker_threads";

interface Held {
  url: string;
  started: number;
  /** The longest stretch, ms, and of it: on a CPU, runnable. */
  wall: number;
  oncpu: number;
  runnable: number;
  /** The most CPU time of any one stretch. */
  cpu: number;
}

const log = process.env.HOLD_LOG;
if (isMainThread && process.argv.includes("serve") && log) {
  const sched = `/proc/self/task/${process.pid}/schedstat`;
  const times = () =>
    readFileSync(sched, "utf8")
      .split(" ")
      .slice(0, 2)
      .map((ns) => Number(ns) / 1e6) as [number, number];
  const open = new Map<http.IncomingMessage, Held>();
  let last = performance.now();
  let [lastCpu, lastWait] = times();
  setInterval(() => {
    const now = performance.now();
    const [cpu, wait] = times();
    for (const held of open.values()) {
      if (now - last > held.wall)
        Object.assign(held, { wall: now - last, oncpu: cpu - lastCpu, runnable: wait - lastWait });
      held.cpu = Math.max(held.cpu, cpu - lastCpu);
    }
    last = now;
    lastCpu = cpu;
    lastWait = wait;
  }, 2).unref();
  const database = process.argv[process.argv.indexOf("--database") + 1] ?? "";
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (event === "request" && Number(request.headers["content-length"] ?? 0) > 1024 * 1024) {
      const url = `${request.method} ${request.url?.replace(/[a-z]+_[A-Za-z0-9]+/g, ":id")}`;
      const held: Held = { url, started: performance.now(), wall: 0, oncpu: 0, runnable: 0, cpu: 0 };
      open.set(request, held);
      response.on("finish", () => {
        open.delete(request);
        const engine = database.startsWith("postgres") ? "PostgreSQL" : "SQLite";
        const line = { build: process.argv[1], engine, ...held, ms: performance.now() - held.started };
        appendFileSync(log, `${JSON.stringify(line)}\n`);
      });
    }
    return (emit as (this: http.Server, event: string, ...args: unknown[]) => boolean).call(
      this,
      event,
      ...args,
    );
  } as typeof emit;
}
