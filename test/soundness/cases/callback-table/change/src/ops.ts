function doAdd(a: number, b: number): number {
  return a + b + 1;
}

function doMul(a: number, b: number): number {
  return a * b;
}

const table: Record<string, (a: number, b: number) => number> = { add: doAdd, mul: doMul };

export function run(op: string, a: number, b: number): number {
  const fn = table[op];
  if (!fn) throw new Error(`unknown op ${op}`);
  return fn(a, b);
}
