import picomatch from "picomatch";
import { childPath, dirOf, joinPath, pathInside } from "./repo-path.js";
import type { Tsconfigs } from "./tsconfig.js";
import type { ParsedTsconfig } from "./tsconfig-parse.js";

type Has = (path: string) => boolean;

/** A solution-style config (`"files": []` plus references) compiles nothing itself. */
function isSolution(parsed: ParsedTsconfig): boolean {
  return parsed.references.length > 0 && parsed.files?.length === 0 && (parsed.include?.length ?? 0) === 0;
}

/** TypeScript reads a glob-free include entry without an extension as a directory. */
function toGlob(pattern: string): string {
  const clean = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  if (/[*?{[]/.test(clean) || /\.[^/]+$/.test(clean)) return clean;
  return clean === "" || clean === "." ? "**/*" : `${clean}/**/*`;
}

/**
 * Which tsconfig governs a file: the nearest `tsconfig.json`, except that a solution-style one
 * (Vite's `tsconfig.json` -> `tsconfig.app.json` + `tsconfig.node.json`) hands each file to the
 * first referenced config whose include/files cover it; its `paths` are the ones that apply.
 */
export class GoverningTsconfigs {
  private readonly byFile = new Map<string, string | undefined>();
  private readonly matchers = new Map<string, (file: string) => boolean>();

  constructor(
    private readonly has: Has,
    private readonly tsconfigs: Tsconfigs,
  ) {}

  forFile(file: string): string | undefined {
    const nearest = this.tsconfigs.nearestIn(dirOf(file));
    if (nearest === undefined) return undefined;
    const parsed = this.tsconfigs.parsed(nearest);
    if (!isSolution(parsed)) return nearest;
    if (this.byFile.has(file)) return this.byFile.get(file);
    let chosen = nearest;
    for (const reference of parsed.references) {
      const path = this.referencePath(dirOf(nearest), reference);
      if (path !== undefined && this.covers(path, file)) {
        chosen = path;
        break;
      }
    }
    this.byFile.set(file, chosen);
    return chosen;
  }

  private referencePath(dir: string, reference: string): string | undefined {
    const path = joinPath(dir, reference);
    if (path === undefined) return undefined;
    if (path.endsWith(".json") && this.has(path)) return path;
    const inDir = childPath(path, "tsconfig.json");
    return this.has(inDir) ? inDir : undefined;
  }

  private covers(configPath: string, file: string): boolean {
    let matcher = this.matchers.get(configPath);
    if (!matcher) {
      const parsed = this.tsconfigs.parsed(configPath);
      const files = new Set((parsed.files ?? []).map((f) => f.replace(/^\.\//, "")));
      const include = (parsed.include ?? (parsed.files ? [] : ["**/*"])).map(toGlob);
      const isIncluded = include.length > 0 ? picomatch(include) : () => false;
      const exclude = (parsed.exclude ?? []).map(toGlob);
      const isExcluded = exclude.length > 0 ? picomatch(exclude) : () => false;
      matcher = (relative) => files.has(relative) || (isIncluded(relative) && !isExcluded(relative));
      this.matchers.set(configPath, matcher);
    }
    const relative = pathInside(dirOf(configPath), file);
    return relative !== undefined && matcher(relative);
  }
}
