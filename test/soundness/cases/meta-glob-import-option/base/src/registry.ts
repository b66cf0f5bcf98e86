const names = import.meta.glob("./plugins/*.ts", { import: "name", eager: true }) as Record<string, string>;

export function pluginNames(): string[] {
  return Object.values(names).sort();
}
