export const kind = "broken";
