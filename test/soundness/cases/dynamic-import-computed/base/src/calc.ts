export async function calc(op: "add" | "mul", a: number, b: number): Promise<number> {
  const ops = await import("./ops.js");
  return ops[op](a, b);
}
