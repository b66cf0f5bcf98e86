import type { FileIndex } from "./file-index.js";
import { EXTENSIONLESS_ORDER } from "./probe-extensions.js";
import { childPath } from "./repo-path.js";

/**
 * With `moduleResolution: node16/bundler`, `./a.js` in TypeScript source names `./a.ts`: the
 * specifier is written for the emitted file. Each JS extension lists the sources it is emitted from.
 */
const TS_TWINS: Record<string, readonly string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

export interface Probed {
  path: string;
  /** True when a `.js`-style specifier was answered by its TypeScript twin. */
  jsToTs: boolean;
  /** Other code files an extensionless name may load under another runner (`codeSiblings`). */
  siblings?: string[];
}

/**
 * Extensions whose order differs between runners: Vite and Jest try `.js` before `.ts` (and Jest
 * `.jsx` before `.ts`), TypeScript and the selector's probe `.ts` first. JSON and declarations lose
 * to any of these in every runner.
 */
const RUNTIME_CODE = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * The code files beside `found` that share its stem (`greet.ts` and `greet.js`): an extensionless
 * import names each of them under some runner, so each is a file the import may load.
 */
export function codeSiblings(files: FileIndex, stem: string, found: string): string[] {
  return RUNTIME_CODE.map((ext) => stem + ext).filter((path) => path !== found && files.has(path));
}

function jsExtensionOf(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  if (dot === -1 || path.indexOf("/", dot) !== -1) return undefined;
  const ext = path.slice(dot);
  return ext in TS_TWINS ? ext : undefined;
}

/** The file itself (any extension), then its TS twin for `.js`-style names, then extension probing. */
export function probeFile(files: FileIndex, path: string): Probed | undefined {
  if (path === "") return undefined;
  if (files.has(path)) return { path, jsToTs: false };
  const ext = jsExtensionOf(path);
  const twin = ext ? files.withExtension(path.slice(0, -ext.length), TS_TWINS[ext] ?? []) : undefined;
  if (twin !== undefined) return { path: twin, jsToTs: true };
  const probed = files.withExtension(path, EXTENSIONLESS_ORDER);
  if (probed === undefined) return undefined;
  const siblings = codeSiblings(files, path, probed);
  return siblings.length > 0 ? { path: probed, jsToTs: false, siblings } : { path: probed, jsToTs: false };
}

/** `dir/index.{ts,tsx,…}`. */
export function probeIndex(files: FileIndex, dir: string): string | undefined {
  return files.withExtension(childPath(dir, "index"), EXTENSIONLESS_ORDER);
}

/** Short account of what probing a path tried, for unresolved reasons. */
export function describeProbe(path: string, asDirectory: boolean): string {
  const shown = path === "" ? "." : path;
  if (asDirectory) return `${shown}/package.json entry, ${shown}/index.{ts,tsx,js,…}`;
  return `${shown}, ${shown}.{ts,tsx,d.ts,js,…}, ${shown}/index.{ts,tsx,js,…}`;
}
