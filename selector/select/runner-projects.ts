import type { RunnerAlias } from "../extract/config-aliases.js";
import {
  extractJestFromPackageJson,
  extractRunnerConfig,
  type RunnerConfig,
} from "../extract/runner-config.js";
import { REPO_ROOT } from "../extract/static-value.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import { dirOf } from "../resolve/repo-path.js";
import type { Resolver, RunnerAliasSet } from "../resolve/types.js";
import type { SelectionWarning } from "./types.js";

export const RUNNER_CONFIG = /(?:^|\/)(?:vitest|vite|jest)\.(?:config|workspace|projects)\.[cm]?[jt]s$/;

function joinDir(dir: string, relative: string): string {
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** One runner config of the repository, read once: the project directory it governs and what it says. */
export interface RunnerConfigFile {
  path: string;
  /** The project's root: the config's directory, or its `root`/`rootDir`. */
  dir: string;
  config: RunnerConfig;
}

/** Every vitest/vite/jest config and `jest` key of a package.json, parsed once per selection. */
export function readRunnerConfigs(repo: {
  paths: readonly string[];
  readText: (path: string) => string | undefined;
}): RunnerConfigFile[] {
  const out: RunnerConfigFile[] = [];
  for (const path of repo.paths) {
    const isConfig = RUNNER_CONFIG.test(path);
    const isManifest = path === "package.json" || path.endsWith("/package.json");
    if ((!isConfig && !isManifest) || path.includes("node_modules/")) continue;
    const text = repo.readText(path);
    if (text === undefined) continue;
    const config = isConfig ? extractRunnerConfig(path, text) : extractJestFromPackageJson(text);
    if (!config) continue;
    const dir = config.root ? joinDir(dirOf(path), config.root.replace(/^<rootDir>\/?/, "")) : dirOf(path);
    out.push({ path, dir, config });
    for (const inline of config.inline ?? []) {
      const inlineDir = joinDir(dir, inline.root!.replace(/^<rootDir>\/?/, ""));
      out.push({ path, dir: inlineDir, config: inline });
    }
  }
  return out;
}

/** Jest's `<rootDir>` is the project's root; the resolver reads it as a repository path. */
function withRootDir(alias: RunnerAlias, dir: string): RunnerAlias {
  const root = dir === "" ? REPO_ROOT : `${REPO_ROOT}/${dir}`;
  return { ...alias, targets: alias.targets.map((t) => t.replace(/^<rootDir>(?=\/|$)/, root)) };
}

/** The aliases each runner project applies, for the one resolver. */
export function runnerAliasSets(configs: readonly RunnerConfigFile[]): RunnerAliasSet[] {
  return configs
    .filter((file) => file.config.aliases.length > 0 || file.config.moduleDirs || file.config.extensions)
    .map((file) => {
      const set: RunnerAliasSet = {
        config: file.path,
        dir: file.dir,
        aliases: file.config.aliases.map((alias) => withRootDir(alias, file.dir)),
      };
      if (file.config.moduleDirs) set.moduleDirs = file.config.moduleDirs.map((d) => moduleDir(d, file));
      if (file.config.extensions) set.extensions = file.config.extensions;
      return set;
    });
}

/** `<rootDir>/src` and `./src` are folders of the project; a plain `src` is looked for upwards. */
function moduleDir(value: string, file: RunnerConfigFile): { path?: string; name?: string } {
  if (/^(?:<rootDir>|\.\.?)(?:\/|$)/.test(value)) {
    return {
      path: joinDir(
        value.startsWith("<rootDir>") ? file.dir : dirOf(file.path),
        value.replace(/^<rootDir>\/?/, ""),
      ),
    };
  }
  return value.includes("/") ? { path: joinDir("", value) } : { name: value };
}

interface ProjectsInput {
  configs: readonly RunnerConfigFile[];
  resolver: Resolver;
}

function unreadReason(file: RunnerConfigFile, warnings: SelectionWarning[]): string | undefined {
  const [first] = file.config.unread;
  for (const item of file.config.unread) {
    warnings.push({
      code: "RUNNER_CONFIG_UNREAD",
      message: `${item.key}: cannot read \`${item.text}\` statically; every test of this project is kept`,
      file: item.file ?? file.path,
      ...(item.line > 0 ? { line: item.line } : {}),
    });
  }
  if (!first) return undefined;
  const where = first.line > 0 ? `${first.file ?? file.path}:${first.line}` : (first.file ?? file.path);
  return `${where}: ${first.key} cannot be read statically, so what the project's tests load is unknown`;
}

/**
 * The test-runner projects of the repository (a vitest/vite/jest config, or `jest` in a
 * package.json): the directory whose tests they run and the setup files they load first.
 */
export function runnerProjects(input: ProjectsInput, warnings: SelectionWarning[]): RunnerProject[] {
  const projects: RunnerProject[] = [];
  for (const file of input.configs) {
    const { path, dir, config } = file;
    const isManifest = !RUNNER_CONFIG.test(path);
    const says =
      config.setupFiles.length > 0 ||
      config.root !== undefined ||
      config.typeChecks ||
      config.aliases.length > 0 ||
      config.unread.length > 0;
    if (isManifest && !says) continue;
    const setupFiles: string[] = [];
    // Runners read setup paths from the project's root (`root`, `rootDir`), which is most often the config's directory.
    const atRoot = dir === "" ? "config.ts" : `${dir}/config.ts`;
    for (const specifier of config.setupFiles) {
      let resolution = input.resolver.resolve(specifier, atRoot, "asset");
      if (resolution.kind !== "file" && atRoot !== path)
        resolution = input.resolver.resolve(specifier, path, "asset");
      if (resolution.kind === "file") setupFiles.push(resolution.path);
      else if (resolution.kind === "unresolved") {
        warnings.push({
          code: "SETUP_FILE_UNRESOLVED",
          message: `${specifier}: ${resolution.reason}`,
          file: path,
        });
      }
    }
    const unread = unreadReason(file, warnings);
    projects.push({
      config: path,
      dir,
      setupFiles,
      ...(config.typeChecks ? { typeChecks: true } : {}),
      ...(config.checksLoadedFiles ? { checksLoadedFiles: true } : {}),
      ...(config.failsOnSourceErrors ? { failsOnSourceErrors: true } : {}),
      ...(unread ? { unread } : {}),
    });
  }
  return projects;
}
