const modules = import.meta.glob<{ name: string }>("./plugins/*.ts", { eager: true });

export function pluginNames(): string[] {
  return Object.values(modules)
    .map((m) => m.name)
    .sort();
}
