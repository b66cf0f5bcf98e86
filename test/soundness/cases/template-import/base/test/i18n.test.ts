import { expect, test } from "vitest";
import { hello } from "../src/i18n";

test("speaks French", async () => {
  expect(await hello("fr")).toBe("bonjour");
});
