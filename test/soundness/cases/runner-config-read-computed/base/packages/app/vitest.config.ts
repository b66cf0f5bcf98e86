import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Which settings file is read is decided at run time: "config/settings.json" unless told otherwise.
const settingsFile = process.env.APP_SETTINGS ?? "config/settings.json";
const settings = JSON.parse(readFileSync(new URL(`./${settingsFile}`, import.meta.url), "utf8"));

export default defineConfig({ test: { env: { GREETING: settings.greeting } } });
