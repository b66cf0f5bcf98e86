import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "selector/**/*.test.ts",
      "contract/**/*.test.ts",
      "service/**/*.test.ts",
      "action/**/*.test.ts",
      "cli/**/*.test.ts",
      "test/**/*.test.ts",
      "research/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "test/fixtures/**", "test/soundness/cases/**", "build/**"],
    setupFiles: ["test/setup/load-parser.ts"],
    // A process per test file: the signal handlers, environment and servers a test sets up stay its own.
    pool: "forks",
    testTimeout: 30_000,
  },
});
