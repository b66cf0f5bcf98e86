import { expect, test } from "vitest";
import { dispatch, Op } from "../src/dispatch.js";

test("shouts twice", () => {
  expect(dispatch(Op.Shout, "hi", { times: 2 })).toBe("HI HI");
});
