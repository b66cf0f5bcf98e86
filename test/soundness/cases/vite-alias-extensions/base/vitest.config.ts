import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// A React Native web build: "@/button" is src/button, and button.web.ts is tried first.
export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
    extensions: [".web.ts", ".ts", ".js"],
  },
});
