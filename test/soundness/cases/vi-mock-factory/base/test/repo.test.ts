import { expect, test, vi } from "vitest";
import { query } from "../src/repo";

vi.mock("../src/db", async () => {
  const real = await vi.importActual<typeof import("../src/db")>("../src/db");
  return { ...real, connect: () => "fake" };
});

test("queries", () => {
  expect(query("a")).toBe("fake:'a'");
});
