import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./bundle-action.js";

/** Where the service looks for the dashboard by default (service/dashboard/assets-dir.ts). */
export const DASHBOARD = join(ROOT, "build", "dashboard");

const CLIENT = "service/dashboard/client";

/**
 * The dashboard's page, script and styles (uPlot included): three files the service serves itself,
 * so the page needs nothing from the internet. Unminified with a source map, like the other bundles.
 */
export async function bundleDashboard(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { app: `${CLIENT}/main.ts` },
    outdir: outDir,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "warning",
  });
  copyFileSync(join(ROOT, CLIENT, "index.html"), join(outDir, "index.html"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ?? DASHBOARD;
  await bundleDashboard(outDir);
  console.log(`bundled the dashboard into ${relative(process.cwd(), outDir) || "."}`);
}
