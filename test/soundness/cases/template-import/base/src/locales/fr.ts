export const hello = "bonjour";
