import { join } from "node:path";

export function jsonFixture(name: string): string {
  return join(import.meta.dirname, `../fixtures/${name}.json`);
}
