export const other = (): string => "other";
