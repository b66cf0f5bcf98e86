import type { FileIndex } from "./file-index.js";
import { childPath } from "./repo-path.js";
import type { Resolution } from "./types.js";

/**
 * What a runner's own extensions make of an extensionless path: with Vite's `resolve.extensions:
 * [".web.ts", ".ts"]` (or Jest's `moduleFileExtensions: ["web.ts", "ts"]`) `./button` loads
 * `button.web.ts`, which TypeScript's order never tries. Each such file (and each of the folder's
 * `index` files) is one the import may load, beside what the usual probe found; a name the usual
 * probe could not resolve resolves to them.
 */
export function withRunnerExtensions(
  found: Resolution,
  files: FileIndex,
  path: string,
  extensions: readonly string[],
): Resolution {
  if (extensions.length === 0) return found;
  const taken = found.kind === "file" ? [found.path, ...(found.alternatives ?? [])] : [];
  const more = [path, childPath(path, "index")]
    .flatMap((stem) => extensions.map((extension) => stem + extension))
    .filter((file, i, all) => all.indexOf(file) === i && files.has(file) && !taken.includes(file));
  if (more.length === 0) return found;
  if (found.kind === "file") return { ...found, alternatives: [...(found.alternatives ?? []), ...more] };
  const [first, ...rest] = more;
  return {
    kind: "file",
    path: first!,
    via: "runner extensions",
    ...(rest.length > 0 ? { alternatives: rest } : {}),
  };
}

/** The extensions TypeScript tries after a `moduleSuffixes` suffix: sources, declarations, and JS under `allowJs`. */
const SUFFIXED = [".ts", ".tsx", ".d.ts", ".js", ".jsx"];

/**
 * tsconfig `moduleSuffixes: [".ios", ""]` makes the type checker read `./size` (and `./size.js`) as
 * `size.ios.ts` first. No runner loads it at run time, but ts-jest and Vitest's typecheck fail a test
 * on the types it gives, so it is a file the import may load: the runner-extension rule over the
 * name's stem.
 */
export function withModuleSuffixes(
  found: Resolution,
  files: FileIndex,
  path: string,
  suffixes: readonly string[] | undefined,
): Resolution {
  if (!suffixes || suffixes.length === 0) return found;
  const stem = path.replace(/\.(?:[jt]sx?)$/, "");
  return withRunnerExtensions(
    found,
    files,
    stem,
    suffixes.flatMap((suffix) => SUFFIXED.map((ext) => suffix + ext)),
  );
}
