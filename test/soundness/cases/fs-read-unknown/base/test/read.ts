import { readFileSync } from "node:fs";

/** Reads whatever path it is handed: nothing in this file says which. */
export const read = (path: string): string => readFileSync(path, "utf8").trim();
