export const mark = "!";
