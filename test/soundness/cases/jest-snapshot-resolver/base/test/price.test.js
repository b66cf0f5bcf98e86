test("price", () => {
  expect((1).toFixed(2)).toMatchSnapshot();
});
