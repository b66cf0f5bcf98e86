const { double } = require("../math");

test("doubles", () => {
  expect(double(2)).toBe(4);
});
