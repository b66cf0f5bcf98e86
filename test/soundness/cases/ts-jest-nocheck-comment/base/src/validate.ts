// @ts-nocheck
export function isName(value: unknown): value is string {
  const text: string = value;
  return typeof text === "string";
}

export function isAge(value: unknown): value is number {
  return typeof value === "number" && value >= 0;
}
