const { price } = require("../src/price");

test("a price", () => {
  expect(price(250)).toMatchSnapshot();
});
