test("the preset's setup file sets the greeting", () => {
  expect(globalThis.GREETING).toBe("hello");
});
