/**
 * @jest-environment ./test/env.js
 */
test("the environment sets the locale", () => {
  expect(globalThis.LOCALE).toBe("en-GB");
});
