export function isName(value: unknown): value is string {
  // @ts-expect-error
  return typeof value === "string";
}

export function isAge(value: unknown): value is number {
  return typeof value === "number" && value >= 0;
}
