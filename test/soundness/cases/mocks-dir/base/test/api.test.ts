import { expect, test, vi } from "vitest";
import { fetchUser } from "../src/api";

vi.mock("../src/api");

test("uses the mock", () => {
  expect(fetchUser(1)).toEqual({ id: 1, source: "mock" });
});
