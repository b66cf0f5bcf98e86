export function size(): string {
  return "2";
}
