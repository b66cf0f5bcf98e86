import { expect, test } from "vitest";
import { load } from "../src/loader";

test("loads", async () => {
  expect((await load()).lazy).toBe(7);
});
