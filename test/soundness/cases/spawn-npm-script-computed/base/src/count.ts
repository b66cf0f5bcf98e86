export const count = (items: string[]): number => items.length;
