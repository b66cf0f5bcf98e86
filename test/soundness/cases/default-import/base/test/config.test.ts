import { expect, test } from "vitest";
import config from "../src/config";

test("retries", () => {
  expect(config.retries).toBe(3);
});
