import { expect, test } from "vitest";
import { parse } from "../src/parse.js";

test("parses", () => {
  expect(parse('{"ok": true}').ok).toBe(true);
});
