export function positive(n: number): boolean {
  return n > 0;
}

export function even(n: number): boolean {
  return n % 2 === 1;
}
