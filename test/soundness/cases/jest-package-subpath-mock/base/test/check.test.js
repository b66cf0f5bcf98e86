const { check } = require("../src/check");

test("checks through the mock", () => {
  expect(check()).toBe("mocked");
});
