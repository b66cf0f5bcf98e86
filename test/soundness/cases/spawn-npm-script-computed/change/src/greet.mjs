export const greet = (name) => `Hi, ${name}`;
