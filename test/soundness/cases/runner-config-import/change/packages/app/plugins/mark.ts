export const mark = "?";
