export function compute(): Promise<number> {
  return import("./lazy").then((m) => m.lazy + 1);
}
