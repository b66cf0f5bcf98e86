const { other } = require("../src/other");

test("other", () => {
  expect(other()).toBe("other");
});
