export const greeting = (name: string): string => `${import.meta.env.VITE_GREETING}, ${name}`;
