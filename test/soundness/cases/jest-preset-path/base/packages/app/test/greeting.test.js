test("the preset's globals reach the test", () => {
  expect(GREETING).toBe("hello");
});
