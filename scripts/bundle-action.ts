import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { installedWasmSpec } from "../selector/extract/wasm-backend.js";

/**
 * `npm run build` bundles the GitHub Action into dist/: index.js (the action), parse-worker.js
 * (parse threads), coverage/ (the per-test coverage collector a Vitest run loads), wasm/ (web-tree-sitter and the grammars, loaded by explicit path) and a
 * package.json that marks the bundle ESM. Nothing else is needed beside it: no node_modules.
 * Unminified, with source maps, so a user's stack trace reads; deterministic, so CI can rebuild
 * into a temporary directory and compare byte for byte (test/e2e/dist-fresh.test.ts).
 */
export const ROOT = fileURLToPath(
  // Compiled or bundled, this code runs from build/scripts/ (bundle-action.js, or bundle-cli.js as
  // `prepare` bundles it); from sources, scripts/bundle-action.ts.
  new URL(/\/build\/scripts\/[^/]+\.js$/.test(import.meta.url) ? "../.." : "..", import.meta.url),
);

// Bundled CommonJS packages (undici, fast-glob) call require() for Node's own modules.
export const BANNER = [
  'import { createRequire as __superplaneRequire } from "node:module";',
  "const require = __superplaneRequire(import.meta.url);",
].join("\n");

const ONE_UNDICI = Symbol("one undici");

/**
 * One undici in the bundle, ours (7). @actions/http-client, which @actions/core loads for OIDC
 * tokens the action never asks for, pins undici 6 in its own node_modules, only to build a
 * ProxyAgent from `{uri, token, pipelining}` when a caller asks it for a proxy dispatcher; 7's
 * ProxyAgent takes the same options. Two copies cost 0.8 MB of dist/index.js.
 */
export const oneUndici: Plugin = {
  name: "one-undici",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, async (args) => {
      if (args.pluginData === ONE_UNDICI) return undefined;
      const ours = await build.resolve("undici", {
        kind: args.kind,
        resolveDir: ROOT,
        pluginData: ONE_UNDICI,
      });
      return ours.errors.length > 0 ? { errors: ours.errors } : { path: ours.path };
    });
  },
};

/** Where the bundle lives; source map paths are relative to it, wherever the bytes are written. */
export const DIST = join(ROOT, "dist");

export async function bundleAction(outDir: string): Promise<void> {
  // Built in memory as if into dist/, so the source maps name the same relative sources
  // whichever directory receives the files (the freshness test bundles into a temp dir).
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      index: "action/index.ts",
      "parse-worker": "selector/parse/parse-worker.ts",
      // The per-test coverage collector, loaded by the user's Vitest (the CLI uses these too).
      "coverage/vitest-reporter": "action/coverage/vitest-reporter.ts",
      "coverage/vitest-setup": "action/coverage/vitest-setup.ts",
    },
    outdir: DIST,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    sourcesContent: false,
    // The grammars ship as .wasm files in dist/wasm, never as a module (action/parser-files.ts).
    // Vitest is the user's: the coverage setup must use the instance running the tests.
    external: ["tree-sitter-typescript", "vitest"],
    // ESM builds first: jsonc-parser's UMD "main" hides its requires from the bundler.
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    legalComments: "eof",
    plugins: [oneUndici],
    logLevel: "warning",
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "wasm"), { recursive: true });
  for (const file of result.outputFiles) {
    const target = join(outDir, relative(DIST, file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  const wasm = installedWasmSpec();
  copyFileSync(wasm.runtime, join(outDir, "wasm", "tree-sitter.wasm"));
  copyFileSync(wasm.grammars.typescript, join(outDir, "wasm", "tree-sitter-typescript.wasm"));
  copyFileSync(wasm.grammars.tsx, join(outDir, "wasm", "tree-sitter-tsx.wasm"));
  writeFileSync(
    join(outDir, "package.json"),
    `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`,
  );
}

// Run as itself only: `prepare` bundles bundle-cli.ts with this module inside it.
const runAsScript = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (runAsScript && /bundle-action\.[jt]s$/.test(process.argv[1]!)) {
  const outDir = process.argv[2] ?? DIST;
  await bundleAction(outDir);
  console.log(`bundled the action into ${relative(process.cwd(), outDir) || "."}`);
}
