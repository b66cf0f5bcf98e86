import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { environment: "./env/locale-environment.ts" },
});
