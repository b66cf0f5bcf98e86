jest.mock("fs");

const { load } = require("../src/load");

test("reads through the mock", () => {
  expect(load()).toBe("mocked");
});
