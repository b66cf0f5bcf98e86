/** Which package manager wrote a lockfile; yarn classic and berry are told apart by content. */
export type LockfileKind = "npm" | "pnpm" | "yarn" | "bun";

/** One installed instance of a package (a name may be installed at several versions). */
export interface LockedPackage {
  name: string;
  version: string;
  /** Version, integrity and resolution: when it differs, what is installed differs. */
  fingerprint: string;
  /** Names this instance depends on (dependencies, optional and peer). */
  dependencies: string[];
}

/**
 * A lockfile reduced to what selection needs. `importers` are the workspaces the lockfile records
 * (directory relative to the lockfile, "" for its own directory): direct dependency name -> the
 * specifier and version recorded for it. Yarn classic records none.
 */
export interface LockfileModel {
  packages: LockedPackage[];
  importers: Map<string, Map<string, string>>;
  /** Workspace package names by importer directory, where the lockfile says. */
  importerNames: Map<string, string>;
}

export interface PackageChanges {
  /** Package names whose installed versions, integrity or resolution differ, or that came or went. */
  changed: Set<string>;
  /** Importer directory -> direct dependencies whose specifier or version changed in its entry. */
  byImporter?: Map<string, Set<string>>;
  /** Installed versions before and after, sorted, for reasons ("zod 3.22.0 -> 3.23.8"). */
  versions?: Map<string, { before: string[]; after: string[] }>;
}
