const setting = (name: string): string => import.meta.env[`VITE_${name}`];

export const greeting = (name: string): string => `${setting("GREETING")}, ${name}`;
