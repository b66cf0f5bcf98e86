export function size(): number {
  return 2;
}
