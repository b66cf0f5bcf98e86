import { locale } from "./locale";

// A custom environment by path: Vitest loads it before every test file of the project.
export default {
  name: "locale",
  viteEnvironment: "ssr",
  transformMode: "ssr",
  setup() {
    (globalThis as { LOCALE?: string }).LOCALE = locale;
    return { teardown() {} };
  },
};
