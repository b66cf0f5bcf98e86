// In-source tests: Vitest runs each file under src/ as a test file, besides test/**/*.test.ts.
export default {
  test: { includeSource: ["src/**/*.ts"] },
};
