import { posix } from "node:path";
import { processFolders } from "./path-origin.js";
import { repoPathOf } from "./static-value.js";
import type { ImportRecord } from "./types.js";

/**
 * `/** @jest-environment ./test/env.js *\/` at the top of a test file: Jest runs that environment
 * module (and what it imports) before the file's tests. Jest reads the first block comment only
 * (jest-docblock), and resolves a path against its rootDir, which the file does not tell: the
 * config's folder, the repository root or a package on the way down to the file. So the path is
 * a read of the file it names under each of those folders, kept where one exists (a pattern with
 * no glob characters names one file; one that names nothing is no missing import). A package name
 * (`jsdom`, `jest-environment-x`) is no file of the repository. Vitest's docblock takes names only.
 */
const DOCBLOCK = /^(?:#![^\n]*\n)?\s*\/\*\*?([\s\S]*?)\*\//;
const ENVIRONMENT = /(?:^|\s)@jest-environment[ \t]+(\S+)/g;
const PATH = /^(?:\.\.?\/|<rootDir>\/)/;

export function docblockEnvironments(source: string, file: string, out: ImportRecord[]): void {
  if (!source.includes("@jest-environment")) return;
  const block = DOCBLOCK.exec(source);
  if (!block) return;
  const line = source.slice(0, block.index + block[0].indexOf("@jest-environment")).split("\n").length;
  const fileDir = posix.dirname(file);
  for (const [, value] of block[1]!.matchAll(ENVIRONMENT)) {
    if (!PATH.test(value!)) continue;
    const path = value!.replace(/^<rootDir>\//, "./");
    const specifiers = new Set<string>();
    // The repository root and each folder from it down to the file's ("." is the root).
    for (const root of processFolders(fileDir === "." ? "" : fileDir).map((f) => repoPathOf(f) || ".")) {
      const target = posix.join(root, path);
      if (target.startsWith("../")) continue;
      const relative = posix.relative(fileDir === "." ? "" : fileDir, target);
      specifiers.add(relative.startsWith("../") ? relative : `./${relative}`);
    }
    for (const specifier of specifiers) {
      out.push({ specifier, kind: "asset", names: "*", typeOnly: false, line, computed: "pattern" });
    }
  }
}
