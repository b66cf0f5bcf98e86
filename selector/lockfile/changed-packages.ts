import type { LockfileModel, PackageChanges } from "./types.js";

interface Installed {
  fingerprints: Set<string>;
  versions: Set<string>;
}

function installedByName(model: LockfileModel): Map<string, Installed> {
  const byName = new Map<string, Installed>();
  for (const pkg of model.packages) {
    const installed = byName.get(pkg.name) ?? { fingerprints: new Set(), versions: new Set() };
    installed.fingerprints.add(pkg.fingerprint);
    if (pkg.version) installed.versions.add(pkg.version);
    byName.set(pkg.name, installed);
  }
  return byName;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));

function changedImporters(base: LockfileModel, head: LockfileModel): Map<string, Set<string>> {
  const byImporter = new Map<string, Set<string>>();
  for (const dir of new Set([...base.importers.keys(), ...head.importers.keys()])) {
    const before = base.importers.get(dir) ?? new Map<string, string>();
    const after = head.importers.get(dir) ?? new Map<string, string>();
    const names = new Set(
      [...before.keys(), ...after.keys()].filter((name) => before.get(name) !== after.get(name)),
    );
    if (names.size > 0) byImporter.set(dir, names);
  }
  return byImporter;
}

/** What differs between two parsed lockfiles: installed packages by name, and importers' direct dependencies. */
export function comparePackages(base: LockfileModel, head: LockfileModel): PackageChanges {
  const before = installedByName(base);
  const after = installedByName(head);
  const changed = new Set<string>();
  const versions = new Map<string, { before: string[]; after: string[] }>();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(name);
    const a = after.get(name);
    if (b && a && sameSet(b.fingerprints, a.fingerprints)) continue;
    changed.add(name);
    versions.set(name, { before: [...(b?.versions ?? [])].sort(), after: [...(a?.versions ?? [])].sort() });
  }
  const recordsImporters = base.importers.size > 0 || head.importers.size > 0;
  return { changed, versions, ...(recordsImporters ? { byImporter: changedImporters(base, head) } : {}) };
}
