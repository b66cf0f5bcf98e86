export const greet = (name: string): string => `Hi, ${name}`;
