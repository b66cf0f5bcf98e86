/** What a runner config makes load besides imports: Jest's platform extensions, Node's preloads. */
import type { ConfigEntry } from "./config-entries.js";

/** Jest's default `moduleFileExtensions` (jest-config's `Defaults`), in its order. */
const JEST_DEFAULT_EXTENSIONS = [
  ".js",
  ".mjs",
  ".cjs",
  ".jsx",
  ".ts",
  ".mts",
  ".cts",
  ".tsx",
  ".json",
  ".node",
];

/**
 * The platforms a Jest `haste` section makes the resolver try first: `defaultPlatform`, and `native`
 * when `platforms` lists it (jest-resolve's constructor). Undefined for any other entry.
 */
export function hastePlatforms({ key, values, parents }: ConfigEntry): string[] | undefined {
  if (parents.at(-1) !== "haste") return undefined;
  if (key === "defaultPlatform") return values;
  if (key === "platforms") return values.filter((platform) => platform === "native");
  return undefined;
}

/**
 * The extensions Jest tries with those platforms: `.ios.js`, `.ios.ts`, … for each of the project's
 * extensions (its own `moduleFileExtensions`, or Jest's defaults), before the extensions themselves,
 * so `./button` loads `button.ios.js` ahead of `button.js`.
 */
export function withPlatformExtensions(
  platforms: readonly string[],
  extensions: readonly string[] | undefined,
) {
  const plain = extensions ?? JEST_DEFAULT_EXTENSIONS;
  const prefixed = platforms.flatMap((platform) => plain.map((extension) => `.${platform}${extension}`));
  return [...prefixed, ...(extensions ?? [])];
}

/** Node's flags that load a module before anything else: `--require ./x.cjs`, `--import=./x.js`. */
const PRELOAD_FLAGS = new Set(["--require", "-r", "--import", "--loader", "--experimental-loader"]);

/**
 * The local files Vitest's `execArgv` (`test.execArgv`, `poolOptions.forks.execArgv`) has Node
 * preload in every worker, before any test: setup files of the project. Packages are left out.
 */
export function preloadedFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  args.forEach((arg, i) => {
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = inline ?? (PRELOAD_FLAGS.has(flag ?? "") ? args[i + 1] : undefined);
    if (PRELOAD_FLAGS.has(flag ?? "") && value !== undefined && /^\.\.?\//.test(value)) files.push(value);
  });
  return files;
}
