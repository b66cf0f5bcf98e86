export function shout(): string {
  return globalThis.appName.toUpperCase();
}
