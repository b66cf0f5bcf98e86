export function label(name) {
  return `[${name}]`;
}
