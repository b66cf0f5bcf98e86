import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// As zustand's config: the capture keeps its leading slash, so the target is src//vanilla.ts.
export default defineConfig({
  resolve: {
    alias: [{ find: /^store(.*)$/, replacement: resolve(root, "./src/$1.ts") }],
  },
});
