export const lazy = 7;
export const unused = 1;
