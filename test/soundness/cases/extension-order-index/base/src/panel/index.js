export const title = "panel";
