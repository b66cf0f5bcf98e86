/**
 * TypeScript 4.7 variance annotations on type parameters (`interface Box<out T>`, `<in out T>`)
 * are ERROR nodes for tree-sitter-typescript 0.23, which would make whole files file-level.
 * Blanking the modifiers with spaces keeps every offset and line, and the rest parses cleanly.
 */
const VARIANCE =
  /([<,](?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*)((?:in\s+out|in|out|const\s+in|const\s+out)\s+)(?=[A-Za-z_$][\w$]*\s*(?:extends\b|=|,|>))/g;
const HINT = /\b(?:in|out)\s+[A-Za-z_$][\w$]*\s*(?:extends\b|=|,|>)/;

export function blankVarianceModifiers(source: string): string {
  if (!HINT.test(source)) return source;
  return source.replace(VARIANCE, (_match, before: string, modifier: string) => {
    const kept = modifier.startsWith("const") ? "const " : "";
    return `${before}${kept}${" ".repeat(modifier.length - kept.length)}`;
  });
}
