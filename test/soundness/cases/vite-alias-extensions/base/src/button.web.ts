export const kind = "web";
