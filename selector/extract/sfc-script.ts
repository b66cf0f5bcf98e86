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
 * template's imports are its script's imports; the markup only uses what they bring in, except
 * what a Vue component names by a relative `src` (blankWithSrcImports).
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
  const late: string[] = [];
  const markup = (text: string) => (/\.vue$/i.test(path) ? blankWithSrcImports(text, late) : blank(text));
  let out = "";
  let at = 0;
  for (const [start, end] of keep) {
    if (start < at) continue;
    out += markup(source.slice(at, start)) + source.slice(start, end);
    at = end;
  }
  out += markup(source.slice(at));
  return late.length === 0 ? out : `${out}\n${late.join("")}`;
}

/**
 * A tag with a relative `src` outside the script blocks: Vue's `<script src="./logic.ts">`,
 * `<template src>` and `<style src>` (the block's content lives in that file), and a template's
 * `<img src="./logo.png">` (its asset URLs become imports). The quote opens the value.
 */
const SRC_TAG = /<[\w-]+\b[^>]*?\ssrc\s*=\s*(["'])(\.\.?\/[^"'<>]*)\1/g;

/**
 * Markup blanked as `blank` does, except that each tag with a relative `src` becomes
 * `import"<src>";` written over the tag's own start, which is always long enough, so offsets and
 * lines stay true. A tag whose first line is too short for it (attributes on lines of their own)
 * goes to `late`, added after the component's last line: never dropped.
 */
function blankWithSrcImports(markup: string, late: string[]): string {
  const out = blank(markup);
  let result = "";
  let at = 0;
  for (const match of markup.matchAll(SRC_TAG)) {
    const statement = `import${JSON.stringify(match[2])};`;
    if (markup.slice(match.index, match.index + statement.length).includes("\n")) {
      late.push(statement);
      continue;
    }
    result += out.slice(at, match.index) + statement;
    at = match.index + statement.length;
  }
  return result + out.slice(at);
}
