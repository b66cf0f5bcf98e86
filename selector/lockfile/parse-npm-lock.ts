import { entryDependencies, isRecord, text } from "./read-values.js";
import type { LockedPackage, LockfileModel } from "./types.js";

const NESTED = "node_modules/";

/** A workspace's direct dependencies as name -> specifier, every dependency kind together. */
function directDependencies(entry: Record<string, unknown>): Map<string, string> {
  const specs = new Map<string, string>();
  for (const field of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]) {
    const map = entry[field];
    if (!isRecord(map)) continue;
    for (const [name, spec] of Object.entries(map)) specs.set(name, `${field}:${text(spec)}`);
  }
  return specs;
}

function installed(key: string, entry: Record<string, unknown>): LockedPackage {
  const name = text(entry.name) || key.slice(key.lastIndexOf(NESTED) + NESTED.length);
  const version = entry.link === true ? `link:${text(entry.resolved)}` : text(entry.version);
  return {
    name,
    version,
    fingerprint: [version, text(entry.resolved), text(entry.integrity)].join("|"),
    dependencies: entryDependencies(entry),
  };
}

/** lockfileVersion 1: a nested `dependencies` tree, `requires` naming what each depends on. */
function walkV1(tree: Record<string, unknown>, packages: LockedPackage[]): void {
  for (const [name, entry] of Object.entries(tree)) {
    if (!isRecord(entry)) throw new Error(`dependency "${name}" is not an object`);
    const version = text(entry.version);
    const fingerprint = [version, text(entry.resolved), text(entry.integrity)].join("|");
    packages.push({
      name,
      version,
      fingerprint,
      dependencies: entryDependencies({ dependencies: entry.requires }),
    });
    if (isRecord(entry.dependencies)) walkV1(entry.dependencies, packages);
  }
}

/**
 * package-lock.json / npm-shrinkwrap.json. v2 and v3 key `packages` by install path
 * (`node_modules/a/node_modules/b`); keys without `node_modules/` are the root ("") and the
 * workspaces (`packages/x`), which are importers. v1 files only have the nested tree.
 */
export function parseNpmLock(source: string): LockfileModel {
  const json: unknown = JSON.parse(source);
  if (!isRecord(json)) throw new Error("not a JSON object");
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  if (!isRecord(json.packages)) {
    if (!isRecord(json.dependencies)) throw new Error('neither "packages" nor "dependencies" is an object');
    walkV1(json.dependencies, model.packages);
    return model;
  }
  for (const [key, entry] of Object.entries(json.packages)) {
    if (!isRecord(entry)) throw new Error(`packages["${key}"] is not an object`);
    if (key === "" || !key.includes(NESTED)) {
      model.importers.set(key, directDependencies(entry));
      if (text(entry.name)) model.importerNames.set(key, text(entry.name));
      continue;
    }
    model.packages.push(installed(key, entry));
  }
  return model;
}
