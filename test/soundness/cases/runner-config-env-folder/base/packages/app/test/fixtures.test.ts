import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const dir = process.env.FIXTURES_DIR as string;

test("every fixture is ok", () => {
  for (const name of readdirSync(dir)) {
    expect(JSON.parse(readFileSync(join(dir, name), "utf8")).ok).toBe(true);
  }
});
