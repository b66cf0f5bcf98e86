import { expect, test } from "vitest";
import { greet } from "../src/greet.js";
import { fixture } from "./fixture.js";

test("greets as the fixture expects", () => {
  expect(greet("Ada")).toBe(fixture("expected.txt"));
});
