import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Serves the files of a folder, as express.static and its kind do. */
export const serveFolder = (dir) => (name) => readFileSync(join(dir, name), "utf8");
