/** C escapes git writes in quoted paths (see quote_c_style in git's quote.c). */
const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/**
 * Decodes a C-quoted path starting at `text[start] === '"'`. Octal escapes are raw bytes of a
 * UTF-8 name (`"caf\303\251"` is `café`). Returns the path and the index after the closing quote,
 * or undefined when the quote never closes.
 */
export function readQuoted(text: string, start = 0): { value: string; end: number } | undefined {
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (char === '"') return { value: Buffer.from(bytes).toString("utf8"), end: i + 1 };
    if (char !== "\\") {
      for (const byte of Buffer.from(char, "utf8")) bytes.push(byte);
      i += char.length;
      continue;
    }
    const next = text[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8) & 0xff);
      i += 4;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 2;
    }
  }
  return undefined;
}

/** A path as written in a diff header: C-quoted, or raw up to a tab (tools put timestamps there). */
export function readHeaderPath(text: string): { path: string; trailer: string } {
  if (text.startsWith('"')) {
    const quoted = readQuoted(text);
    if (quoted) return { path: quoted.value, trailer: text.slice(quoted.end).replace(/^\t/, "") };
  }
  const tab = text.indexOf("\t");
  return tab < 0 ? { path: text, trailer: "" } : { path: text.slice(0, tab), trailer: text.slice(tab + 1) };
}
