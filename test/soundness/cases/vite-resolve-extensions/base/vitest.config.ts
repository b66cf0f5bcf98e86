import { defineConfig } from "vitest/config";

// A platform build: "./button" is button.web.ts first, as React Native web projects configure it.
export default defineConfig({ resolve: { extensions: [".web.ts", ".ts", ".js"] } });
