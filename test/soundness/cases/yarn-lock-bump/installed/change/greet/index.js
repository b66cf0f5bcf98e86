// 1.1.0 adds punctuation: a minor release inside ^1.0.0 that changes output.
export const greet = (name) => `Hello, ${name}!`;
