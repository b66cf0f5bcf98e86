const entries = new Map<string, () => string>();

export function register(name: string, make: () => string): void {
  entries.set(name, make);
}

export function lookup(name: string): (() => string) | undefined {
  return entries.get(name);
}
