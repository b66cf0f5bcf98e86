import { expect, test } from "vitest";
import { platform } from "#platform";

test("runs on node", () => {
  expect(platform()).toBe("node");
});
