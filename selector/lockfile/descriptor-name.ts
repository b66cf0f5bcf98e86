/**
 * The package name in a descriptor `name@range`, `@scope/name@1.0.0(peer@2)` or
 * `name@npm:1.0.0`: names hold an `@` only as their first character.
 */
export function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

/** The part after the name: `1.2.3(peer@2)`, `npm:^1.0.0`, `workspace:packages/a`. */
export function descriptorRange(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  return at < 0 ? "" : descriptor.slice(at + 1);
}
