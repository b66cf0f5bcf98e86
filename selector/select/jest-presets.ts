import type { UnreadOption } from "../extract/config-aliases.js";
import { extractJestPreset, mergePreset } from "../extract/runner-config.js";
import { joinPath } from "../resolve/repo-path.js";
import type { RunnerConfigFile } from "./runner-projects.js";

/** How Jest finds a preset given by path: the file, or the file with a module extension. */
const PRESET_EXTENSIONS = ["", ".js", ".cjs", ".mjs", ".json", ".ts", ".cts", ".mts"];

/** The repository file a preset path names, read from the project's root as Jest does. */
export function presetFile(
  preset: string,
  projectDir: string,
  paths: ReadonlySet<string>,
): string | undefined {
  const base = joinPath(projectDir, preset.replace(/^<rootDir>\/?/, ""));
  if (base === undefined) return undefined;
  return PRESET_EXTENSIONS.map((ext) => `${base}${ext}`).find((path) => paths.has(path));
}

/** The files the configs' local presets name: read as text before `withLocalPresets`. */
export function presetPaths(configs: readonly RunnerConfigFile[], paths: ReadonlySet<string>): string[] {
  const found = configs.flatMap(({ config, dir }) =>
    (config.presets ?? []).map((preset) => presetFile(preset, dir, paths)),
  );
  return [...new Set(found.filter((path): path is string => path !== undefined))];
}

/**
 * A Jest config's local presets (`preset: "./tools/jest-preset.js"`) are configs of its project:
 * what they name (setup files, module name mappers, transforms, environments) is merged into the
 * config, to be resolved from the project's root as the config's own. A preset that names no file,
 * or cannot be read, is an option not read statically: the project keeps every test.
 */
export function withLocalPresets(
  file: RunnerConfigFile,
  paths: ReadonlySet<string>,
  readText: (path: string) => string | undefined,
): RunnerConfigFile {
  const presets = file.config.presets ?? [];
  if (presets.length === 0) return file;
  const config = {
    ...file.config,
    setupFiles: [...file.config.setupFiles],
    aliases: [...file.config.aliases],
    unread: [...file.config.unread],
  };
  for (const preset of presets) {
    const path = presetFile(preset, file.dir, paths);
    const text = path === undefined ? undefined : readText(path);
    const read = path === undefined || text === undefined ? undefined : extractJestPreset(path, text);
    if (read) {
      mergePreset(config, read, path!);
      continue;
    }
    const why = path === undefined ? "names no file of the repository" : "cannot be read";
    const unread: UnreadOption = { key: "preset", line: 0, text: `${preset} (${why})` };
    config.unread.push(unread);
  }
  return { ...file, config };
}
