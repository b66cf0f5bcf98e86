import { type PackageContext, resolveDirectory } from "./package-entry.js";
import { codeSiblings, describeProbe, probeFile } from "./probe-file.js";
import { childPath } from "./repo-path.js";
import type { Resolution } from "./types.js";

export interface Located {
  path: string;
  jsToTs: boolean;
  /** Other files the name may load under another runner's extension order. */
  siblings?: string[];
}

/** A repository path as a file: the file or a probed twin/extension, else a directory entry. */
export function locate(ctx: PackageContext, path: string, directoryOnly: boolean): Located | undefined {
  if (!directoryOnly) {
    const file = probeFile(ctx.files, path);
    if (file) return file;
  }
  const [entry, ...others] = resolveDirectory(ctx, path);
  if (entry === undefined) return undefined;
  // `./lib` with lib/index.ts and lib/index.js: as for files, the runners disagree on which loads.
  const index = childPath(path, "index");
  const indexSiblings = entry.startsWith(`${index}.`) ? codeSiblings(ctx.files, index, entry) : [];
  const siblings = [...others, ...indexSiblings.filter((file) => !others.includes(file))];
  return siblings.length > 0 ? { path: entry, jsToTs: false, siblings } : { path: entry, jsToTs: false };
}

/** `locate` as a resolution: `via` is the rule, or "js->ts" when a `.js` name found its `.ts` twin. */
export function locateAs(
  ctx: PackageContext,
  path: string | undefined,
  directoryOnly: boolean,
  rule: string,
): Resolution {
  if (path === undefined) return { kind: "unresolved", reason: `${rule}: path leaves the repository` };
  const found = locate(ctx, path, directoryOnly);
  if (found)
    return {
      kind: "file",
      path: found.path,
      via: found.jsToTs ? "js->ts" : rule,
      ...(found.siblings ? { alternatives: found.siblings } : {}),
    };
  return { kind: "unresolved", reason: `${rule}: no file (tried ${describeProbe(path, directoryOnly)})` };
}
