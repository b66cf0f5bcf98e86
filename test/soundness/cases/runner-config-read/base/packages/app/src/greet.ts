export function greet(name: string): string {
  return `${process.env.GREETING} ${name}`;
}
