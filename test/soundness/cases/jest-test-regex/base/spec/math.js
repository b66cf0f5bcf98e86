const { double } = require("../src/math");

test("doubles", () => {
  expect(double(2)).toBe(4);
});
