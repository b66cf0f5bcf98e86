import { execFileSync } from "node:child_process";

/** Runs a script with this Node: which one, only the caller knows. */
export const runScript = (script: string, ...args: string[]): string =>
  execFileSync(process.execPath, [script, ...args], { encoding: "utf8" }).trim();
