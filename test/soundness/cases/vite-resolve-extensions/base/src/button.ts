export const kind = "plain";
