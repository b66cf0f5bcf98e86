export function add(a: number, b: number): number {
  return a + b + 1;
}

export function mul(a: number, b: number): number {
  return a * b;
}
