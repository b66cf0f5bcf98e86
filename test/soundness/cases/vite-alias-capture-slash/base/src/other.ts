export const other = () => "other";
