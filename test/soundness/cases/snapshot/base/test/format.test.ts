import { expect, test } from "vitest";
import { format } from "../src/format";

test("formats", () => {
  expect(format(1)).toMatchSnapshot();
});
