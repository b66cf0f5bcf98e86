export const title = "broken";
