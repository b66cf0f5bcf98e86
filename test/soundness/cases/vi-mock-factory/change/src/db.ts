export function escape(value: string): string {
  return `"${value}"`;
}

export function connect(): string {
  return "real";
}
