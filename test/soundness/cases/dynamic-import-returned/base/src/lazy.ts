export const lazy = 7;
