import { expect, test } from "vitest";
import { version } from "../src/version";

test("reads the version", () => {
  expect(version()).toBe("1.0.0");
});
