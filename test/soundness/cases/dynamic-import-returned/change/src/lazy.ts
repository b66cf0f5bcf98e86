export const lazy = 8;
