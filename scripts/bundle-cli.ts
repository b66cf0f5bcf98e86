import { readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BANNER, ROOT } from "./bundle-action.js";

/**
 * `npm run build` also bundles the `superplane` command into build/bundle/, which
 * `bin/superplane.js` runs. Node loads one file far faster than the ~450 ESM modules of
 * build/cli: about 150 ms less start-up on every `superplane select`.
 * Code split, so the service, token and eval commands load their chunks only when run.
 */
export const BUNDLE = join(ROOT, "build", "bundle");

/**
 * Packages the select and graph commands load, bundled in. Every other dependency stays a
 * package resolved from node_modules at run time: a native addon (better-sqlite3) cannot be
 * bundled, the parser's .wasm files are read from their packages, and the service's stack
 * (fastify, pino, pg) is only loaded by `serve`.
 */
const INLINED = new Set([
  "@sinclair/typebox",
  "commander",
  "fast-glob",
  "jsonc-parser",
  "picomatch",
  "resolve.exports",
  "yaml",
]);

export function externalPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  // pg asks for the optional pg-native only when told to; it is not installed.
  return [...Object.keys(manifest.dependencies).filter((name) => !INLINED.has(name)), "pg-native"];
}

export async function bundleCli(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    // Scripts the command starts by path sit beside it, where `new URL("./x.js", import.meta.url)` finds them.
    entryPoints: {
      superplane: "cli/main.ts",
      "parse-worker": "selector/parse/parse-worker.ts",
      "list-related": "cli/eval/list-related.ts",
      // `npm run demo`: it runs this folder's superplane.js and needs nothing tsc builds.
      demo: "scripts/demo.ts",
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    sourcesContent: false,
    external: externalPackages(),
    // ESM builds first: jsonc-parser's UMD "main" hides its requires from the bundler.
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    logLevel: "warning",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ?? BUNDLE;
  await bundleCli(outDir);
  console.log(`bundled the CLI into ${relative(process.cwd(), outDir) || "."}`);
}
