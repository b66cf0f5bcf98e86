const { wait } = require("../src/wait");

test("waits as the mock says", () => {
  expect(wait()).toBe(7);
});
