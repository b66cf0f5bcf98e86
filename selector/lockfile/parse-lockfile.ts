import { parseBunLock } from "./parse-bun-lock.js";
import { parseNpmLock } from "./parse-npm-lock.js";
import { parsePnpmLock } from "./parse-pnpm-lock.js";
import { parseYarnLock } from "./parse-yarn-lock.js";
import type { LockfileKind, LockfileModel } from "./types.js";

const KINDS: Record<string, LockfileKind> = {
  "package-lock.json": "npm",
  "npm-shrinkwrap.json": "npm",
  "pnpm-lock.yaml": "pnpm",
  "yarn.lock": "yarn",
  "bun.lock": "bun",
  "bun.lockb": "bun",
};

/** The format of a lockfile by its base name, undefined when the path is not a lockfile. */
export function lockfileKind(path: string): LockfileKind | undefined {
  return KINDS[path.slice(path.lastIndexOf("/") + 1)];
}

export const emptyModel = (): LockfileModel => ({
  packages: [],
  importers: new Map(),
  importerNames: new Map(),
});

const PARSERS: Record<LockfileKind, (source: string) => LockfileModel> = {
  npm: parseNpmLock,
  pnpm: parsePnpmLock,
  yarn: parseYarnLock,
  bun: parseBunLock,
};

/** A lockfile's packages and importers, or why it cannot be read (merge conflict markers, a binary file…). */
export function parseLockfile(kind: LockfileKind, source: string): LockfileModel | { error: string } {
  if (source.includes("\u0000")) return { error: "binary lockfile" };
  try {
    return PARSERS[kind](source);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
