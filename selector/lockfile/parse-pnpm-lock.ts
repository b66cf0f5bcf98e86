import { parse } from "yaml";
import { descriptorName, descriptorRange } from "./descriptor-name.js";
import { entryDependencies, isRecord, text } from "./read-values.js";
import type { LockedPackage, LockfileModel } from "./types.js";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

/** v6+: `{specifier, version}` per dependency; v5: a bare version with the specifier in `specifiers`. */
function importerDependencies(entry: Record<string, unknown>): Map<string, string> {
  const specifiers = isRecord(entry.specifiers) ? entry.specifiers : {};
  const specs = new Map<string, string>();
  for (const field of DEPENDENCY_FIELDS) {
    const map = entry[field];
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const spec = isRecord(value)
        ? `${text(value.specifier)} ${text(value.version)}`
        : `${text(specifiers[name])} ${text(value)}`;
      specs.set(name, `${field}:${spec}`);
    }
  }
  return specs;
}

/**
 * Name and version of a package key: `/foo@1.2.3` (v6), `foo@1.2.3(peer@1)` and `@s/foo@1.0.0`
 * (v9), or `/foo/1.2.3_peer@1` and `/@s/foo/1.0.0` (v5).
 */
export function pnpmKey(key: string, v5: boolean): { name: string; version: string } {
  const bare = key.startsWith("/") ? key.slice(1) : key;
  if (v5) {
    const parts = bare.split("/");
    const scoped = bare.startsWith("@");
    const name = scoped ? parts.slice(0, 2).join("/") : (parts[0] ?? bare);
    const version = (scoped ? parts[2] : parts[1]) ?? "";
    return { name, version: version.replace(/_.*$/, "") };
  }
  return { name: descriptorName(bare), version: descriptorRange(bare).replace(/\(.*$/, "") };
}

function lockedPackages(section: unknown, v5: boolean, origin: string): LockedPackage[] {
  if (section === undefined || section === null) return [];
  if (!isRecord(section)) throw new Error(`"${origin}" is not a mapping`);
  return Object.entries(section).map(([key, entry]) => {
    const fields = isRecord(entry) ? entry : {};
    const parsed = pnpmKey(key, v5);
    const name = text(fields.name) || parsed.name;
    const version = text(fields.version) || parsed.version;
    const resolution = isRecord(fields.resolution) ? JSON.stringify(fields.resolution) : "";
    return {
      name,
      version,
      fingerprint: `${origin}:${key}|${resolution}`,
      dependencies: entryDependencies(fields),
    };
  });
}

/**
 * pnpm-lock.yaml v5, v6 and v9: `importers` per workspace directory (`.` is the root; a lockfile
 * without importers is one project), `packages` keyed by name and version, and in v9 `snapshots`
 * holding each package's resolved dependencies per peer set.
 */
export function parsePnpmLock(source: string): LockfileModel {
  const doc: unknown = parse(source);
  if (!isRecord(doc)) throw new Error("not a YAML mapping");
  const version = Number.parseFloat(text(doc.lockfileVersion));
  if (Number.isNaN(version)) throw new Error("no lockfileVersion");
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  const importers = isRecord(doc.importers) ? doc.importers : { ".": doc };
  for (const [dir, entry] of Object.entries(importers)) {
    if (!isRecord(entry)) throw new Error(`importers["${dir}"] is not a mapping`);
    model.importers.set(dir === "." ? "" : dir, importerDependencies(entry));
  }
  model.packages.push(...lockedPackages(doc.packages, version < 6, "packages"));
  model.packages.push(...lockedPackages(doc.snapshots, false, "snapshots"));
  return model;
}
