import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { BANNER, ROOT } from "../../scripts/bundle-action.js";
import { externalPackages } from "../../scripts/bundle-cli.js";

/**
 * service/http/body-worker.ts compiled as `npm run build` bundles it, for tests that run the
 * service from its TypeScript sources: a worker thread needs JavaScript. Under the repository's
 * node_modules, so the packages left outside resolve as they do for build/bundle.
 */
export async function compileBodyWorker(): Promise<{ script: string; remove(): void }> {
  const dir = join(
    ROOT,
    "node_modules",
    ".cache",
    `superplane-body-worker-${randomBytes(6).toString("hex")}`,
  );
  const script = join(dir, "body-worker.js");
  await build({
    absWorkingDir: ROOT,
    entryPoints: ["service/http/body-worker.ts"],
    outfile: script,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: externalPackages(),
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    logLevel: "warning",
  });
  return { script, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
