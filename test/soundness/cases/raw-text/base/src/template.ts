// Shown on the start page.
export const greeting = "hello";
