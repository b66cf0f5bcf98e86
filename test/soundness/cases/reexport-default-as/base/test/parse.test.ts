import { expect, test } from "vitest";
import { parse } from "../src/index";

test("parses", () => {
  expect(parse("a,b")).toEqual(["a", "b"]);
});
