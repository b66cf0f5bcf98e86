test("the setup file ran", () => {
  expect(globalThis.prefix).toBe(">");
});
