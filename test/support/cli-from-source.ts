import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inject } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface BundledCli {
  /** How to run it: `[node, file]`, ready for `spawnServe`. */
  command: string[];
  dispose(): void;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The command of the CLI bundled once for the run by test/setup/bundle-cli.ts, if the project has it. */
    superplaneCli?: string[];
  }
}

/**
 * The CLI as it stands, for tests that run it as real child processes: the bundle the project's
 * global setup made once for the run (the `fault` project's files share it), else one of this
 * file's own. Either way the same sources, bundled the same way; only the shared one outlives the file.
 */
export async function bundleCli(): Promise<BundledCli> {
  const shared = inject("superplaneCli");
  if (shared) return { command: shared, dispose: () => {} };
  return bundleCliFromSource();
}

/**
 * Bundles `cli/main.ts` as it stands into one file, so tests can run the CLI as real child
 * processes without depending on a `build/` that may be older than the sources. Packages stay
 * external; the file lives under `node_modules/.cache` so Node resolves them from the repository.
 */
export async function bundleCliFromSource(): Promise<BundledCli> {
  const dir = join(
    ROOT,
    "node_modules",
    ".cache",
    "superplane-fault",
    `cli-${randomBytes(6).toString("hex")}`,
  );
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    `import { main } from ${JSON.stringify(join(ROOT, "cli", "main.ts"))};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  await build({
    entryPoints: { cli: entry },
    bundle: true,
    // Code split as the real bundle is, so `serve` loads the service's packages and not the
    // selector's: each test process starts in about half the time.
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    logLevel: "silent",
  });
  return {
    command: [process.execPath, join(dir, "cli.mjs")],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
