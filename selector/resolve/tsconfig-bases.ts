import { classifyBuiltin } from "../policy/builtin-rules.js";
import { dirOf, joinPath } from "./repo-path.js";

/** A config's `extends` entries and how to find the file each names. */
export interface ExtendsSource {
  extendsOf(config: string): readonly string[];
  resolve(specifier: string, fromDir: string): string | undefined;
}

/**
 * The files one config's `extends` names: the resolved file, and for a relative entry also the
 * path it spells (with and without `.json`), so a base the change deleted is still named.
 */
function basesOf(source: ExtendsSource, config: string): string[] {
  const dir = dirOf(config);
  const bases: string[] = [];
  for (const specifier of source.extendsOf(config)) {
    const found = source.resolve(specifier, dir);
    if (found !== undefined) bases.push(found);
    if (!specifier.startsWith(".") && !specifier.startsWith("/")) continue;
    const spelled = specifier.startsWith("/") ? joinPath("", specifier) : joinPath(dir, specifier);
    if (spelled !== undefined) bases.push(spelled, `${spelled}.json`);
  }
  return bases;
}

/**
 * File -> the tsconfigs (and jsconfigs) whose `extends` chain reaches it. A base is a config by
 * content, whatever its name (`config/base.json`, `@repo/typescript-config/react.json`): its
 * compilerOptions apply to every file the extending config governs.
 */
export function extendersIndex(paths: readonly string[], source: ExtendsSource): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const config of paths) {
    if (classifyBuiltin(config)?.kind !== "tsconfig") continue;
    const seen = new Set<string>([config]);
    const queue = [config];
    while (queue.length > 0) {
      for (const base of basesOf(source, queue.shift()!)) {
        if (seen.has(base)) continue;
        seen.add(base);
        index.set(base, [...(index.get(base) ?? []), config]);
        queue.push(base);
      }
    }
  }
  return index;
}
