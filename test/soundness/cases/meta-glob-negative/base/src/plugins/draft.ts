export const name = "draft";
