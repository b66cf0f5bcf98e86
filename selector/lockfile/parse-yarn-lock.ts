import { parseSyml } from "@yarnpkg/parsers";
import { parse } from "yaml";
import { descriptorName, descriptorRange } from "./descriptor-name.js";
import { entryDependencies, isRecord, text } from "./read-values.js";
import type { LockfileModel } from "./types.js";

/**
 * yarn.lock v1, a YAML-like format of its own, read by Yarn's own parser (`@yarnpkg/parsers`),
 * which gives each descriptor of a multi-descriptor header (`"qs@^6.11.0", qs@^6.12.0:`) its own key.
 */
function parseClassic(source: string): LockfileModel {
  let doc: unknown;
  try {
    doc = parseSyml(source);
  } catch (error) {
    // The v1 grammar's errors carry a location; YAML's quote the lines around the fault after the first.
    const where = (error as { location?: { start?: { line?: number } } }).location?.start?.line;
    const what = String(error instanceof Error ? error.message : error).split("\n")[0];
    throw new Error(where ? `line ${where}: ${what}` : what);
  }
  if (!isRecord(doc)) throw new Error("not a yarn lockfile");
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  for (const [key, entry] of Object.entries(doc)) {
    if (!isRecord(entry)) throw new Error(`entry "${key}" is not a mapping`);
    const version = text(entry.version);
    if (!version) throw new Error(`entry ${key} has no version`);
    const fingerprint = [version, text(entry.resolved), text(entry.integrity)].join("|");
    model.packages.push({
      name: descriptorName(key),
      version,
      fingerprint,
      dependencies: entryDependencies(entry),
    });
  }
  return model;
}

/** Yarn 2+ (berry): real YAML; `resolution` says what was installed, `workspace:` entries are importers. */
function parseBerry(source: string): LockfileModel {
  const doc: unknown = parse(source);
  if (!isRecord(doc)) throw new Error("not a YAML mapping");
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  for (const [key, entry] of Object.entries(doc)) {
    if (key === "__metadata") continue;
    if (!isRecord(entry)) throw new Error(`entry "${key}" is not a mapping`);
    const resolution = text(entry.resolution);
    if (!resolution) throw new Error(`entry "${key}" has no resolution`);
    const name = descriptorName(resolution);
    const range = descriptorRange(resolution);
    if (range.startsWith("workspace:")) {
      const dir = range.slice("workspace:".length);
      const deps = isRecord(entry.dependencies) ? entry.dependencies : {};
      model.importers.set(
        dir === "." ? "" : dir,
        new Map(Object.entries(deps).map(([n, spec]) => [n, text(spec)])),
      );
      model.importerNames.set(dir === "." ? "" : dir, name);
      continue;
    }
    const version = text(entry.version);
    model.packages.push({
      name,
      version,
      fingerprint: `${resolution}|${text(entry.checksum)}`,
      dependencies: entryDependencies(entry),
    });
  }
  return model;
}

/** yarn.lock of either generation: berry files carry a `__metadata` entry. */
export function parseYarnLock(source: string): LockfileModel {
  return /^__metadata:/m.test(source) ? parseBerry(source) : parseClassic(source);
}
