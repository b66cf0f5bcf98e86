export async function compute(): Promise<number> {
  const m = await import("./lazy.js");
  return m.lazy + 1;
}
