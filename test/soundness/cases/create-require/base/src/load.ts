import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function run(): number {
  return require("./helper.cjs").helper() + 1;
}
