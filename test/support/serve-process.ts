import { type ChildProcess, spawn } from "node:child_process";

export interface ServeProcess {
  url: string;
  pid: number;
  /** SIGTERM, then the exit code once the process has closed gracefully. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies with no chance to clean up, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** What it wrote to stderr, for failure messages. */
  stderr(): string;
  /** Its request logs (JSON lines), when started with `{ stdout: true }`; else empty. */
  stdout(): string;
  /** Resolves with the exit code once the process has ended, however it was stopped. */
  exited(): Promise<number | null>;
}

const LISTENING = /superplane: listening on (\S+) /;

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Starts `superplane serve` in a child process (`command` is how to run the CLI, e.g.
 * `[node, bin/superplane.js]`) and resolves once it listens. Request logs are discarded unless
 * `options.stdout` keeps them.
 */
export function spawnServe(
  command: string[],
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { stdout?: boolean } = {},
): Promise<ServeProcess> {
  const [program, ...prefix] = command;
  const child = spawn(program!, [...prefix, "serve", "--port", "0", ...args], {
    stdio: ["ignore", options.stdout ? "pipe" : "ignore", "pipe"],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  let stdout = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      stderr += chunk;
      const match = LISTENING.exec(stderr);
      if (!match) return;
      resolve({
        url: match[1]!,
        pid: child.pid!,
        stop: () => {
          child.kill("SIGTERM");
          return exited(child);
        },
        kill: async () => {
          child.kill("SIGKILL");
          await exited(child);
        },
        stderr: () => stderr,
        stdout: () => stdout,
        exited: () => exited(child),
      });
    });
    child.once("exit", (code) =>
      reject(new Error(`superplane serve exited ${code} before listening:\n${stderr}`)),
    );
  });
}
