import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where `npm run build` puts the dashboard (scripts/bundle-dashboard.ts): build/dashboard/ of the
 * package. Found from this module's own file, whether it runs as source (service/dashboard/), as
 * tsc output (build/service/dashboard/) or inside the CLI bundle (build/bundle/): each sits below
 * the package root, the nearest folder up with a package.json.
 */
export function defaultDashboardDir(from = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "build", "dashboard");
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
