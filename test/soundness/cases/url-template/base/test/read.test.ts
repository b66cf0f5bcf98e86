import { expect, test } from "vitest";
import { read } from "../src/read";

test("reads b", () => {
  expect(read("b")).toBe("beta");
});
