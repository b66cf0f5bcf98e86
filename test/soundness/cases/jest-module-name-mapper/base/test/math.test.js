const { add } = require("@/math");

test("adds", () => {
  expect(add(2, 3)).toBe(5);
});
