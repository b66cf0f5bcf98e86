import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// The config reads its settings from a file: a change to the file is a change to the config.
const settings = JSON.parse(readFileSync(new URL("./config/settings.json", import.meta.url), "utf8"));

export default defineConfig({ test: { env: { GREETING: settings.greeting } } });
