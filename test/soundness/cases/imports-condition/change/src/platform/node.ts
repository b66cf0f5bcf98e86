export const platform = (): string => "server";
