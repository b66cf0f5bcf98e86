export const lazy = 8;
export const unused = 1;
