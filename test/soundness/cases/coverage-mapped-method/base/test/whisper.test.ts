import { expect, test } from "vitest";
import { dispatch, Op } from "../src/dispatch.js";

test("whispers", () => {
  expect(dispatch(Op.Whisper, "HI")).toBe("hi");
});
