import type { RunnerAlias } from "../extract/config-aliases.js";
import type { RunnerAliasSet } from "./types.js";

/** What an alias made of a specifier: the rewritten specifiers, in the order the runner tries them. */
export interface AliasMatch {
  set: RunnerAliasSet;
  alias: RunnerAlias;
  targets: string[];
}

const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);
const withTrailingSlash = (text: string) => (text.endsWith("/") ? text : `${text}/`);

function compile(alias: RunnerAlias): RegExp | undefined {
  if ("prefix" in alias.find) return undefined;
  try {
    return new RegExp(alias.find.regex, alias.find.flags);
  } catch {
    return undefined;
  }
}

/**
 * Vite (@rollup/plugin-alias): a string matches itself or itself followed by `/`, and is replaced
 * once; `find: "@/"` with `replacement: "…/"` is the same as without the slashes. A RegExp goes
 * through `String.replace`, `$1` included.
 */
function viteTargets(alias: RunnerAlias, regex: RegExp | undefined, specifier: string): string[] | undefined {
  if ("prefix" in alias.find) {
    let find = alias.find.prefix;
    let targets = alias.targets;
    if (find.endsWith("/") && targets.every((t) => t.endsWith("/"))) {
      find = find.slice(0, -1);
      targets = targets.map((t) => t.slice(0, -1));
    }
    if (find === "" || (specifier !== find && !specifier.startsWith(withTrailingSlash(find))))
      return undefined;
    return targets.map((t) => t + specifier.slice(find.length));
  }
  if (!regex) return undefined;
  regex.lastIndex = 0;
  if (!regex.test(specifier)) return undefined;
  return alias.targets.map((t) => {
    regex.lastIndex = 0;
    return specifier.replace(regex, t);
  });
}

/** Jest: the first regex that matches; `$n` in the mapped path is the n-th group. */
function jestTargets(regex: RegExp | undefined, alias: RunnerAlias, specifier: string): string[] | undefined {
  const match = regex?.exec(specifier);
  if (!match) return undefined;
  return alias.targets.map((t) => t.replace(/\$(\d+)/g, (_, index: string) => match[Number(index)] ?? ""));
}

/**
 * The runner aliases of the repository, applied to a file by the project that owns it (the
 * nearest project directory above it), then by the projects around that one, which a nested
 * config commonly merges in.
 */
export class RunnerAliases {
  private readonly sets: { set: RunnerAliasSet; regexes: (RegExp | undefined)[] }[];

  constructor(sets: readonly RunnerAliasSet[]) {
    this.sets = [...sets]
      .sort((a, b) => b.dir.length - a.dir.length)
      .map((set) => ({ set, regexes: set.aliases.map(compile) }));
  }

  get size(): number {
    return this.sets.length;
  }

  /** The module directories of the projects over a file, nearest first. */
  moduleDirsFor(fromFile: string): NonNullable<RunnerAliasSet["moduleDirs"]> {
    return this.sets.flatMap(({ set }) => (set.moduleDirs && under(set.dir, fromFile) ? set.moduleDirs : []));
  }

  /** The extensions the runner projects over a file try on an extensionless name, nearest first. */
  extensionsFor(fromFile: string): string[] {
    return this.sets.flatMap(({ set }) => (set.extensions && under(set.dir, fromFile) ? set.extensions : []));
  }

  match(specifier: string, fromFile: string): AliasMatch | undefined {
    for (const { set, regexes } of this.sets) {
      if (!under(set.dir, fromFile)) continue;
      for (const [index, alias] of set.aliases.entries()) {
        const regex = regexes[index];
        const targets =
          alias.style === "jest"
            ? jestTargets(regex, alias, specifier)
            : viteTargets(alias, regex, specifier);
        if (targets) return { set, alias, targets };
      }
    }
    return undefined;
  }
}
