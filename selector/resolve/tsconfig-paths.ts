import { joinPath } from "./repo-path.js";

/** TypeScript 5.5's `${configDir}` template, written literally in tsconfig files. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the tsconfig token, not a JS template.
const CONFIG_DIR = "${configDir}";

/**
 * Resolves a path-valued option: `${configDir}` is the directory of the config finally used (the
 * leaf), anything else is relative to `base`.
 */
export function optionPath(value: string, base: string, leafDir: string): string | undefined {
  if (value.startsWith(CONFIG_DIR)) return joinPath(leafDir, value.slice(CONFIG_DIR.length));
  return joinPath(base, value);
}

/** One `paths` entry, compiled: targets are repository paths that may hold one `*`. */
export interface PathMapping {
  pattern: string;
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

/**
 * Compiles `paths` against their base (the baseUrl, else the directory of the config that defines
 * them). Exact patterns first, then wildcard patterns by longest prefix: TypeScript's precedence.
 */
export function compilePaths(map: Record<string, string[]>, base: string, leafDir: string): PathMapping[] {
  const mappings: PathMapping[] = [];
  for (const [pattern, substitutions] of Object.entries(map)) {
    const star = pattern.indexOf("*");
    // More than one `*` is invalid in TypeScript; such a pattern never matches.
    if (star !== -1 && pattern.indexOf("*", star + 1) !== -1) continue;
    const targets = substitutions.flatMap((target) => {
      const joined = optionPath(target, base, leafDir);
      return joined === undefined ? [] : [joined];
    });
    mappings.push({
      pattern,
      prefix: star === -1 ? pattern : pattern.slice(0, star),
      suffix: star === -1 ? "" : pattern.slice(star + 1),
      wildcard: star !== -1,
      targets,
    });
  }
  return mappings.sort(
    (a, b) => Number(a.wildcard) - Number(b.wildcard) || b.prefix.length - a.prefix.length,
  );
}

export interface PathsMatch {
  pattern: string;
  /** Repository paths to probe, in the order the config lists them. */
  candidates: string[];
}

/** The winning `paths` pattern for a specifier and its substituted candidates. */
export function matchPaths(mappings: readonly PathMapping[], specifier: string): PathsMatch | undefined {
  for (const mapping of mappings) {
    if (!mapping.wildcard) {
      if (specifier === mapping.pattern) return { pattern: mapping.pattern, candidates: mapping.targets };
      continue;
    }
    const { prefix, suffix } = mapping;
    if (specifier.length < prefix.length + suffix.length) continue;
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    const captured = specifier.slice(prefix.length, specifier.length - suffix.length);
    // The captured text may hold `..`; re-normalise, and a function replacement keeps `$` literal.
    const candidates = mapping.targets.flatMap(
      (target) =>
        joinPath(
          "",
          target.replace("*", () => captured),
        ) ?? [],
    );
    return { pattern: mapping.pattern, candidates };
  }
  return undefined;
}
