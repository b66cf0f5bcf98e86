import { posix } from "node:path";
import { commandLineRecords } from "../extract/spawned-scripts.js";
import { REPO_ROOT } from "../extract/static-value.js";
import type { ImportRecord } from "../extract/types.js";
import { ancestors, childPath } from "../resolve/repo-path.js";

/** A package.json's scripts, and the folder they run in. */
export interface PackageScripts {
  dir: string;
  manifest: string;
  scripts: Record<string, unknown>;
}

/** The package.json a script name is looked up in: the nearest at or above a folder. */
export type ScriptsLookup = (dir: string) => PackageScripts | undefined;

/** A lookup over package.json texts: the nearest manifest at or above the folder, as npm finds it. */
export function scriptsLookup(readText: (path: string) => string | undefined): ScriptsLookup {
  const byDir = new Map<string, PackageScripts | undefined>();
  const at = (dir: string): PackageScripts | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    const manifest = childPath(dir, "package.json");
    let found: PackageScripts | undefined;
    const text = readText(manifest);
    if (text !== undefined) {
      try {
        const parsed: unknown = JSON.parse(text);
        const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
        found = { dir, manifest, scripts: scripts && typeof scripts === "object" ? { ...scripts } : {} };
      } catch {
        found = { dir, manifest, scripts: {} };
      }
    }
    byDir.set(dir, found);
    return found;
  };
  return (dir) => {
    for (const candidate of ancestors(dir)) {
      const found = at(candidate);
      if (found) return found;
    }
    return undefined;
  };
}

/** What following a package script gives: the records its command lines make, or why it cannot be followed. */
export type ScriptFollow = { records: ImportRecord[] } | { reason: string };

/**
 * The command lines a package script runs (`npm run gen` → `"gen": "node scripts/gen.js"`, with its
 * `pregen` and `postgen`), in the folder of the package.json that holds it, as the records of the
 * file that runs it. A script nothing static names, a folder with no package.json, or a name the
 * package.json lacks cannot be followed: the reason is reported and the tests kept.
 */
export function followPackageScript(from: string, record: ImportRecord, lookup: ScriptsLookup): ScriptFollow {
  const name = record.packageScript?.name;
  if (name === undefined) return { reason: "runs a package script or command that nothing static names" };
  const folder = posix
    .normalize(posix.join(posix.dirname(from), record.specifier))
    .replace(/^\.\/?|\/$/g, "");
  const pkg = lookup(folder === "." ? "" : folder);
  if (!pkg)
    return { reason: `runs the package script "${name}", and no package.json holds ${folder || "the root"}` };
  const main = pkg.scripts[name];
  if (typeof main !== "string")
    return { reason: `runs the package script "${name}", which ${pkg.manifest} does not define` };
  const args = record.packageScript?.args ?? [];
  const lines = [pkg.scripts[`pre${name}`], [main, ...args].join(" "), pkg.scripts[`post${name}`]];
  const at = {
    line: record.line,
    dir: posix.dirname(from) === "." ? "" : posix.dirname(from),
    cwd: pkg.dir === "" ? REPO_ROOT : `${REPO_ROOT}/${pkg.dir}`,
  };
  const records = lines
    .filter((line): line is string => typeof line === "string")
    .flatMap((line) => commandLineRecords(line, at));
  return { records };
}
