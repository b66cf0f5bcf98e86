export function pad(text: string): string {
  return text.padStart(4, "0");
}
