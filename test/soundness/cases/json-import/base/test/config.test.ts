import { expect, test } from "vitest";
import { retries } from "../src/config";

test("retries", () => {
  expect(retries()).toBe(3);
});
