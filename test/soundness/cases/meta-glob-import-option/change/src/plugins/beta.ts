export const name = "gamma";
