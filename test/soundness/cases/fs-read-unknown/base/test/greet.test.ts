import { join } from "node:path";
import { expect, test } from "vitest";
import { greet } from "../src/greet.js";
import { read } from "./read.js";

test("greets as the fixture expects", () => {
  expect(greet("Ada")).toBe(read(join(__dirname, "fixtures", "expected.txt")));
});
