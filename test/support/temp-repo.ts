import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throwaway repository made with real git, for tests. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  /** Stages everything and commits; returns the new commit's sha. */
  commit(message: string): string;
  remove(): void;
}

export function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("GIT_")) delete env[name];
  // The machine's git config (signing, hooks, default branch) must not change what tests see.
  return { ...env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" };
}

export function gitIn(dir: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    env: isolatedEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function makeTempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), "superplane-git-"));
  const git = (...args: string[]) => gitIn(dir, args);
  git("init", "-q", "-b", "main");
  git("config", "user.name", "SuperPlane Test");
  git("config", "user.email", "test@superplane.invalid");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `count` numbered lines, `line 1` to `line N`, each ending in a newline. */
export const numberedLines = (count: number, label = "line") =>
  Array.from({ length: count }, (_, i) => `${label} ${i + 1}\n`).join("");
