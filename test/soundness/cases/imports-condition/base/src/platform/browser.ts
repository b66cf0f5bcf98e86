export const platform = (): string => "browser";
