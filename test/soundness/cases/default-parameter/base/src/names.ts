export function defaultName(): string {
  return "world";
}
