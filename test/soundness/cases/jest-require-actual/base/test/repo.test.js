jest.mock("../src/db", () => ({ ...jest.requireActual("../src/db"), connect: () => "fake" }));

const { query } = require("../src/repo");

test("queries", () => {
  expect(query("a")).toBe("fake:'a'");
});
