import { readFileSync } from "node:fs";

export function version(): string {
  return readFileSync(new URL("./version.txt", import.meta.url), "utf8").trim();
}
