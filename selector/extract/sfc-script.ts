/** Single-file components whose imports live in script blocks inside markup. */
const SFC = /\.(?:vue|svelte|astro)$/i;

export function isSingleFileComponent(path: string): boolean {
  return SFC.test(path);
}

const SCRIPT_BLOCK = /(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi;
/** Astro's component script: a `---` fenced block at the top of the file. */
const ASTRO_FRONTMATTER = /^(\s*---[^\S\n]*\n)([\s\S]*?)\n---/;

/** Every character but line breaks becomes a space, so offsets and line numbers stay true. */
const blank = (text: string) => text.replace(/[^\n]/g, " ");

/**
 * The component's script code in place: `<script>` blocks (Vue's `<script setup>`, Svelte's module
 * and instance scripts) and Astro's frontmatter keep their text, everything else is blanked. A
 * template's imports are its script's imports; the markup only uses what they bring in.
 */
export function sfcScriptText(path: string, source: string): string {
  const keep: [number, number][] = [];
  for (const match of source.matchAll(SCRIPT_BLOCK)) {
    const start = match.index + match[1]!.length;
    keep.push([start, start + match[2]!.length]);
  }
  if (/\.astro$/i.test(path)) {
    const front = ASTRO_FRONTMATTER.exec(source);
    if (front) keep.push([front[1]!.length + front.index, front.index + front[1]!.length + front[2]!.length]);
  }
  keep.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of keep) {
    if (start < at) continue;
    out += blank(source.slice(at, start)) + source.slice(start, end);
    at = end;
  }
  return out + blank(source.slice(at));
}
