import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The coverage collector's Vitest reporter, bundled in dist/coverage/: beside the action's own
 * bundle (dist/index.js), or found from the sources and the CLI's build (build/…, build/bundle/…).
 */
export function vitestCoverageReporter(): string {
  for (const dir of [
    "./coverage",
    "../../dist/coverage",
    "../../../dist/coverage",
    "../../../../dist/coverage",
  ]) {
    const path = fileURLToPath(new URL(`${dir}/vitest-reporter.js`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("dist/coverage/vitest-reporter.js is missing: run npm run build");
}
