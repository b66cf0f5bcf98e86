import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { expect, test } from "vitest";
import { parse } from "../src/parse.js";

const files = fg.sync("fixtures/**/*.json", { cwd: __dirname, absolute: true });

test("every fixture parses as ok", () => {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(parse(readFileSync(file, "utf8")).ok).toBe(true);
});
