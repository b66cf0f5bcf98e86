import { expect, test } from "@jest/globals";
import { shout } from "../src/shout";

test("shouts the app name", () => {
  Object.assign(globalThis, { appName: "shop" });
  expect(shout()).toBe("SHOP");
});
