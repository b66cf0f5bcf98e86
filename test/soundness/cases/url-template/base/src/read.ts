import { readFileSync } from "node:fs";

export function read(name: string): string {
  return readFileSync(new URL(`./data/${name}.txt`, import.meta.url), "utf8").trim();
}
