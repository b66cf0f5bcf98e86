/** Order TypeScript and bundlers try when a specifier has no extension (declarations before JS). */
export const PROBE_EXTENSIONS: readonly string[] = [
  ".ts",
  ".tsx",
  ".d.ts",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".json",
  // Twins of `.mjs`/`.cjs` specifiers; never probed on extensionless names.
  ".d.mts",
  ".d.cts",
];

/** What extensionless specifiers are probed with, in order. */
export const EXTENSIONLESS_ORDER: readonly string[] = PROBE_EXTENSIONS.slice(0, 10);
