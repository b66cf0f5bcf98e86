import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "selector/**/*.test.ts",
      "service/**/*.test.ts",
      "action/**/*.test.ts",
      "cli/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "test/fixtures/**", "test/soundness/cases/**", "build/**"],
    // tree-sitter's native binding is not safe to load in many threads at once on 2 cores.
    pool: "forks",
    testTimeout: 30_000,
  },
});
