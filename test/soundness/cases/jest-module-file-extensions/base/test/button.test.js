const { kind } = require("../src/button");

test("the web button", () => {
  expect(kind).toBe("web");
});
