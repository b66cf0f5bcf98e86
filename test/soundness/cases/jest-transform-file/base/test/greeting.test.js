const greeting = require("../src/greeting.txt");

test("the transformer quotes text files", () => {
  expect(greeting).toBe('"hello"');
});
