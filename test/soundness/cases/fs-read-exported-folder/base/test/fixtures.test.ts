import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { FIXTURES } from "./support/paths";

test("every fixture is ok", () => {
  for (const name of readdirSync(FIXTURES)) {
    expect(JSON.parse(readFileSync(join(FIXTURES, name), "utf8")).ok).toBe(true);
  }
});
