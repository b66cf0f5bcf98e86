export const title = (): string => "Other";
