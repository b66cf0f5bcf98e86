// The TypeScript source; a build writes greet.js beside it, and the runner loads that file first.
export function greet(name: string): string {
  return `hello ${name}`;
}
