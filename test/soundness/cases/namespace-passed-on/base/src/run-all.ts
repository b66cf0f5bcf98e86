import * as checks from "./checks";

export function passing(n: number): string[] {
  return Object.entries(checks)
    .filter(([, check]) => check(n))
    .map(([name]) => name)
    .sort();
}
