import type { RepoSnapshot } from "../repo/types.js";
import { ancestors, childPath } from "./repo-path.js";
import type { ResolverWarning } from "./types.js";

/** The package.json fields resolution reads. Values are left unknown where packages disagree on shape. */
export interface Manifest {
  name?: string;
  exports?: unknown;
  imports?: unknown;
  types?: unknown;
  typings?: unknown;
  main?: unknown;
  module?: unknown;
  /** A string names the browser build (Vite takes it under `resolve.mainFields`); an object remaps files. */
  browser?: unknown;
  source?: unknown;
  tsconfig?: unknown;
  workspaces?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  peerDependencies?: unknown;
  optionalDependencies?: unknown;
}

const DEPENDENCY_FIELDS = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/** The packages a manifest depends on, of every kind, each once. */
export function dependencyNames(manifest: Manifest): string[] {
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (deps && typeof deps === "object") for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names];
}

/** Parsed package.json files by directory, read once; unreadable ones are warned about and skipped. */
export class Manifests {
  private readonly byDir = new Map<string, Manifest | undefined>();
  private readonly nearest = new Map<string, string | undefined>();

  constructor(
    private readonly snapshot: RepoSnapshot,
    private readonly warnings: ResolverWarning[],
  ) {}

  /** The package.json in `dir` itself. */
  at(dir: string): Manifest | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const path = childPath(dir, "package.json");
    const manifest = this.snapshot.has(path) ? this.parse(path) : undefined;
    this.byDir.set(dir, manifest);
    return manifest;
  }

  /** Directory of the nearest package.json at or above `dir`. */
  packageDirOf(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    let found: string | undefined;
    for (const candidate of ancestors(dir)) {
      const known = this.nearest.get(candidate);
      if (known !== undefined || this.nearest.has(candidate)) {
        found = known;
        break;
      }
      if (this.snapshot.has(childPath(candidate, "package.json"))) {
        found = candidate;
        break;
      }
    }
    this.nearest.set(dir, found);
    return found;
  }

  private parse(path: string): Manifest | undefined {
    const text = this.snapshot.readText(path);
    // Listed but not loaded (the caller reads only small config files): nothing to learn, no warning.
    if (text === undefined) return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Manifest;
      this.warnings.push({ file: path, message: `${path}: not a JSON object; ignored for resolution` });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.warnings.push({
        file: path,
        message: `${path}: invalid JSON (${detail}); ignored for resolution`,
      });
    }
    return {};
  }
}
