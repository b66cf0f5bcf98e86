export function defaultName(): string {
  return "you";
}
