const { kind } = require("../src/button");

test("the ios button", () => {
  expect(kind).toBe("ios");
});
