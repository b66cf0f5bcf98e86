export const name = "Alpha";
