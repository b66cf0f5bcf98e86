import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SqliteDatabase from "better-sqlite3";

/** How often the worker copies committed WAL frames into the database file. */
const EVERY_MS = 500;
/** How long closing waits for the worker to close its connection. */
const CLOSE_WAIT_MS = 5_000;
/** WAL bytes after which a commit checkpoints itself: SQLite's default of 1,000 pages of 4 KiB. */
const AUTOCHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * SQLite's own checkpoint threshold for `database`, in WAL bytes rather than pages: 1,000 of the
 * 64 KiB pages a new file has (open-database.ts) would be a 64 MiB WAL copied in one commit.
 */
export function checkpointInCommits(database: SqliteDatabase.Database): void {
  const pageSize = database.pragma("page_size", { simple: true }) as number;
  database.pragma(`wal_autocheckpoint = ${Math.max(1, Math.round(AUTOCHECKPOINT_BYTES / pageSize))}`);
}

/**
 * The worker's script, evaluated (no file beside the bundle to find): its own connection to the
 * file, a PASSIVE checkpoint every EVERY_MS (it never waits for readers or the writer), and on
 * "close" its connection closed, signalled through `done`.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 100");
const done = new Int32Array(workerData.done);
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage({ failed: String(error) }); }
}, workerData.every);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

/**
 * WAL checkpoints for `database` (a file) on a worker thread with a connection of its own. SQLite
 * checkpoints in the committing connection once the WAL passes 4 MiB: the commit of a 52 MiB
 * coverage upload copied the whole WAL into the database file on the event loop, 0.4-1 s. The
 * server's connection stops checkpointing itself while the worker runs, and takes it up again if
 * the worker fails. Closing `database` first closes the worker's connection, so the server's is
 * the last and checkpoints what is left, as before.
 */
export function checkpointOffThread(database: SqliteDatabase.Database, file: string): void {
  const done = new SharedArrayBuffer(4);
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file,
      every: EVERY_MS,
      done,
    },
  });
  let running = false;
  const fallBack = () => {
    if (!running || !database.open) return;
    running = false;
    checkpointInCommits(database);
  };
  worker.on("message", (message: { ready?: true; failed?: string }) => {
    if (message.ready && database.open) {
      running = true;
      database.pragma("wal_autocheckpoint = 0");
    }
  });
  worker.on("error", fallBack);
  worker.on("exit", fallBack);
  // After the listeners, which would take the reference again: a process that never closes the
  // database still exits.
  worker.unref();
  const close = database.close.bind(database);
  database.close = () => {
    if (running) {
      running = false;
      worker.postMessage("close");
      Atomics.wait(new Int32Array(done), 0, 0, CLOSE_WAIT_MS);
    } else {
      void worker.terminate();
    }
    return close();
  };
}
