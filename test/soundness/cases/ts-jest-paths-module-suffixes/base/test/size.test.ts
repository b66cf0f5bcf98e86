import { expect, test } from "@jest/globals";
import { size } from "@/size";

test("sizes are numbers", () => {
  const value: number = size();
  expect(value).toBeGreaterThan(0);
});
