import type { RepoSnapshot } from "../repo/types.js";
import { ancestors, childPath, dirOf } from "./repo-path.js";
import { type ParsedTsconfig, type PathOption, parseTsconfig, type RawOptions } from "./tsconfig-parse.js";
import { compilePaths, optionPath, type PathMapping } from "./tsconfig-paths.js";
import type { ResolverWarning } from "./types.js";

/** A tsconfig with its extends chain merged and every path made repository-relative. */
export interface Tsconfig {
  path: string;
  baseUrl?: string;
  paths: PathMapping[];
  outDir?: string;
  rootDir?: string;
  jsx?: string;
  jsxImportSource?: string;
  /** `moduleSuffixes` but the empty one: `./size` is `size.ios.ts` to the type checker (ts-jest, tsc). */
  moduleSuffixes?: string[];
  parsed: ParsedTsconfig;
}

/** Finds the config file an `extends` entry names (relative path, or a package inside the repo). */
export type ExtendsResolver = (specifier: string, fromDir: string) => string | undefined;

function resolveOption(option: PathOption | undefined, leafDir: string): string | undefined {
  return option === undefined ? undefined : optionPath(option.value, option.dir, leafDir);
}

/** Loads tsconfigs once each, follows `extends` (child wins), and knows the nearest one per directory. */
export class Tsconfigs {
  private readonly merged = new Map<string, RawOptions>();
  private readonly final = new Map<string, Tsconfig>();
  private readonly nearest = new Map<string, string | undefined>();
  private readonly parsedByPath = new Map<string, ParsedTsconfig>();

  constructor(
    private readonly snapshot: RepoSnapshot,
    private readonly warnings: ResolverWarning[],
    readonly resolveExtends: ExtendsResolver,
  ) {}

  /** Path of the nearest `tsconfig.json` at or above `dir`. */
  nearestIn(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    let found: string | undefined;
    for (const candidate of ancestors(dir)) {
      if (candidate !== dir && this.nearest.has(candidate)) {
        found = this.nearest.get(candidate);
        break;
      }
      const path = childPath(candidate, "tsconfig.json");
      if (this.snapshot.has(path)) {
        found = path;
        break;
      }
    }
    this.nearest.set(dir, found);
    return found;
  }

  load(path: string): Tsconfig {
    const cached = this.final.get(path);
    if (cached) return cached;
    const raw = this.mergedOptions(path, new Set());
    const leafDir = dirOf(path);
    const baseUrl = resolveOption(raw.baseUrl, leafDir);
    const config: Tsconfig = { path, paths: [], parsed: this.parsed(path) };
    if (baseUrl !== undefined) config.baseUrl = baseUrl;
    if (raw.paths) config.paths = compilePaths(raw.paths.map, baseUrl ?? raw.paths.dir, leafDir);
    const outDir = resolveOption(raw.outDir, leafDir);
    const rootDir = resolveOption(raw.rootDir, leafDir);
    if (outDir !== undefined) config.outDir = outDir;
    if (rootDir !== undefined) config.rootDir = rootDir;
    if (raw.jsx !== undefined) config.jsx = raw.jsx;
    if (raw.jsxImportSource !== undefined) config.jsxImportSource = raw.jsxImportSource;
    const suffixes = raw.moduleSuffixes?.filter((suffix) => suffix !== "");
    if (suffixes && suffixes.length > 0) config.moduleSuffixes = suffixes;
    this.final.set(path, config);
    return config;
  }

  parsed(path: string): ParsedTsconfig {
    let parsed = this.parsedByPath.get(path);
    if (!parsed) {
      parsed = parseTsconfig(path, this.snapshot.readText(path) ?? "{}", this.warnings);
      this.parsedByPath.set(path, parsed);
    }
    return parsed;
  }

  private mergedOptions(path: string, seen: Set<string>): RawOptions {
    const cached = this.merged.get(path);
    if (cached) return cached;
    seen.add(path);
    const parsed = this.parsed(path);
    let options: RawOptions = {};
    for (const specifier of parsed.extends) {
      const base = this.resolveExtends(specifier, dirOf(path));
      // External bases (`@tsconfig/node20`) are not in the repository; cycles are ignored.
      if (base === undefined || seen.has(base) || !this.snapshot.has(base)) continue;
      options = { ...options, ...this.mergedOptions(base, seen) };
    }
    options = { ...options, ...parsed.options };
    this.merged.set(path, options);
    return options;
  }
}
