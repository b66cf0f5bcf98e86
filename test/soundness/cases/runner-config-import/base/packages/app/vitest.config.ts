import { defineConfig } from "vitest/config";
import { exclaim } from "./plugins/exclaim";

export default defineConfig({ plugins: [exclaim()] });
