import { readFileSync } from "node:fs";

export const load = (): string => readFileSync("config.txt", "utf8");
