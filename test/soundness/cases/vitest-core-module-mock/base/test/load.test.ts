import { expect, test, vi } from "vitest";
import { load } from "../src/load.js";

vi.mock("node:fs");

test("reads through the mock", () => {
  expect(load()).toBe("mocked");
});
