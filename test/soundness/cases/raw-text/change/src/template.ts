// Shown on the home page.
export const greeting = "hello";
