export function other(): string {
  return "other";
}
