export async function compute(): Promise<number> {
  const { lazy } = await import("./lazy.js");
  return lazy + 1;
}
