export async function loadPlugin(path: string): Promise<{ name: string }> {
  return import(path);
}
