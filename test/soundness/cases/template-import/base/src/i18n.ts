export async function hello(lang: string): Promise<string> {
  const m = await import(`./locales/${lang}.ts`);
  return m.hello;
}
