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
