const { greet } = require("../src/greet");

test("the babel plugin marks the greeting", () => {
  expect(greet()).toBe("hello!");
});
