export function parse(text: string): { ok: boolean } {
  return JSON.parse(text) as { ok: boolean };
}
