export function fetchUser(id: number): { id: number; source: string } {
  return { id, source: "mock" };
}
