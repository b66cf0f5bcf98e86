import "./load-env.js";

export const greeting = (): string => `Hello, ${process.env.GREETING_NAME}`;
