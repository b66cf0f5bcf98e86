// Typecheck on, its include left to Vitest's default: *.test-d.ts and *.spec-d.ts files.
export default {
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, tsconfig: "./tsconfig.json" },
  },
};
