export const hello = "salut";
