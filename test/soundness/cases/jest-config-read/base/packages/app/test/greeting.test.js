test("the config's settings file gives the globals", () => {
  expect(GREETING).toBe("hello");
});
