import { parse } from "yaml";
import { descriptorName, descriptorRange } from "./descriptor-name.js";
import { entryDependencies, isRecord, text } from "./read-values.js";
import type { LockfileModel } from "./types.js";

const unquote = (value: string) => value.trim().replace(/^"(.*)"$/, "$1");

interface ClassicEntry {
  names: Set<string>;
  fields: Record<string, string>;
  dependencies: Set<string>;
}

function classicHeader(line: string, lineNumber: number): ClassicEntry {
  if (!line.endsWith(":")) throw new Error(`line ${lineNumber}: expected an entry header ending in ":"`);
  const descriptors = line.slice(0, -1).split(",").map(unquote).filter(Boolean);
  if (descriptors.length === 0) throw new Error(`line ${lineNumber}: empty entry header`);
  return { names: new Set(descriptors.map(descriptorName)), fields: {}, dependencies: new Set() };
}

/**
 * yarn.lock v1, a YAML-like format of its own: headers list the descriptors an entry satisfies,
 * two-space fields (`version "1.2.3"`), and four-space lines inside dependency blocks.
 */
function classicEntries(source: string): ClassicEntry[] {
  const entries: ClassicEntry[] = [];
  let entry: ClassicEntry | undefined;
  let block = "";
  source.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      entry = classicHeader(line, index + 1);
      entries.push(entry);
      block = "";
    } else if (!entry) {
      throw new Error(`line ${index + 1}: field outside an entry`);
    } else if (indent === 2 && line.endsWith(":")) {
      block = line.slice(0, -1);
    } else if (indent === 2) {
      const space = line.search(/\s/);
      if (space < 0) throw new Error(`line ${index + 1}: expected "key value"`);
      entry.fields[line.slice(0, space)] = unquote(line.slice(space + 1));
      block = "";
    } else if (/^(?:dependencies|optionalDependencies|peerDependencies)$/.test(block)) {
      entry.dependencies.add(unquote(line.split(/\s+/)[0] ?? ""));
    }
  });
  return entries;
}

function parseClassic(source: string): LockfileModel {
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  for (const entry of classicEntries(source)) {
    const version = entry.fields.version;
    if (version === undefined) throw new Error(`entry ${[...entry.names].join(", ")} has no version`);
    const fingerprint = [version, entry.fields.resolved ?? "", entry.fields.integrity ?? ""].join("|");
    for (const name of entry.names)
      model.packages.push({ name, version, fingerprint, dependencies: [...entry.dependencies] });
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
