import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface BundledCli {
  /** How to run it: `[node, file]`, ready for `spawnServe`. */
  command: string[];
  dispose(): void;
}

/**
 * Bundles `cli/main.ts` as it stands into one file, so tests can run the CLI as real child
 * processes without depending on a `build/` that may be older than the sources. Packages stay
 * external; the file lives under `node_modules/.cache` so Node resolves them from the repository.
 */
export async function bundleCli(): Promise<BundledCli> {
  const dir = join(ROOT, "node_modules", ".cache", "superplane-fault");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `cli-${randomBytes(6).toString("hex")}.mjs`);
  await build({
    stdin: {
      contents:
        'import { main } from "./cli/main.ts";\nprocess.exitCode = await main(process.argv.slice(2));\n',
      resolveDir: ROOT,
      sourcefile: "fault-cli-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: file,
    logLevel: "silent",
  });
  return { command: [process.execPath, file], dispose: () => rmSync(file, { force: true }) };
}
