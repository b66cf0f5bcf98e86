import { expect, test } from "vitest";
import { passing } from "../src/run-all";

test("four passes both", () => {
  expect(passing(4)).toEqual(["even", "positive"]);
});
