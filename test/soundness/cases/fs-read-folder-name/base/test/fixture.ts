import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A fixture by name: the folder is known here, the name only where it is called. */
export const fixture = (name: string): string => readFileSync(join(__dirname, "fixtures", name), "utf8").trim();
