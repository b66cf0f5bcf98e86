import { spawn } from "node:child_process";

export interface GitCall {
  env?: Record<string, string>;
  input?: string;
}

/**
 * git for the evaluation's own plumbing (a private index, commits of made-up states). The
 * selector's runGit strips GIT_INDEX_FILE on purpose, which is exactly what this needs to set.
 */
export function git(repoDir: string, args: string[], call: GitCall = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: repoDir,
      env: { ...process.env, LC_ALL: "C", ...call.env },
      stdio: [call.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else
        reject(
          new Error(`git ${args.join(" ")} failed (${code}): ${Buffer.concat(err).toString("utf8").trim()}`),
        );
    });
    child.stdin?.end(call.input);
  });
}
