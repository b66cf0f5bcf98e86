import { extractJestFromPackageJson, extractRunnerConfig } from "../extract/runner-config.js";
import type { RunnerProject } from "../graph/synthetic/setup-edges.js";
import type { Resolver } from "../resolve/types.js";
import type { SelectionWarning } from "./types.js";

export const RUNNER_CONFIG = /(?:^|\/)(?:vitest|vite|jest)\.(?:config|workspace|projects)\.[cm]?[jt]s$/;

const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

function joinDir(dir: string, relative: string): string {
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

interface ProjectsInput {
  paths: readonly string[];
  readText: (path: string) => string | undefined;
  resolver: Resolver;
}

/**
 * The test-runner projects of the repository (a vitest/vite/jest config, or `jest` in a
 * package.json): the directory whose tests they run and the setup files they load first.
 */
export function runnerProjects(input: ProjectsInput, warnings: SelectionWarning[]): RunnerProject[] {
  const projects: RunnerProject[] = [];
  for (const path of input.paths) {
    const isConfig = RUNNER_CONFIG.test(path);
    const isManifest = path === "package.json" || path.endsWith("/package.json");
    if ((!isConfig && !isManifest) || path.includes("node_modules/")) continue;
    const text = input.readText(path);
    if (text === undefined) continue;
    const config = isConfig ? extractRunnerConfig(path, text) : extractJestFromPackageJson(text);
    if (!config) continue;
    if (isManifest && config.setupFiles.length === 0 && config.root === undefined && !config.typeChecks)
      continue;
    const dir = config.root ? joinDir(dirOf(path), config.root.replace(/^<rootDir>\/?/, "")) : dirOf(path);
    const setupFiles: string[] = [];
    for (const specifier of config.setupFiles) {
      const resolution = input.resolver.resolve(specifier, path, "asset");
      if (resolution.kind === "file") setupFiles.push(resolution.path);
      else if (resolution.kind === "unresolved") {
        warnings.push({
          code: "SETUP_FILE_UNRESOLVED",
          message: `${specifier}: ${resolution.reason}`,
          file: path,
        });
      }
    }
    projects.push({
      config: path,
      dir,
      setupFiles,
      ...(config.typeChecks ? { typeChecks: true } : {}),
      ...(config.checksLoadedFiles ? { checksLoadedFiles: true } : {}),
      ...(config.failsOnSourceErrors ? { failsOnSourceErrors: true } : {}),
    });
  }
  return projects;
}
