import { defaultName } from "./names";

export function greet(name = defaultName()): string {
  return `hello ${name}`;
}
