import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";
import { sfcScriptText } from "./sfc-script.js";

describe("single-file components", () => {
  it("keeps Vue script blocks in place and blanks the template, lines intact", () => {
    const vue = [
      "<template>",
      '  <div :class="x">{{ y }}</div>',
      "</template>",
      '<script setup lang="ts">',
      "import { useMouse } from '@vueuse/core'",
      "</script>",
      "<style>.a { color: red }</style>",
    ].join("\n");
    const text = sfcScriptText("Demo.vue", vue);
    expect(text.length).toBe(vue.length);
    expect(text.split("\n")[4]).toBe("import { useMouse } from '@vueuse/core'");
    expect(text).not.toContain("template");
    expect(text).not.toContain("color");
  });

  it("reads a Vue tag's relative src as an import, in place, lines intact", () => {
    const vue = [
      '<template src="./panel.html"></template>',
      '<script src="./panel.ts"></script>',
      "<template><a src='./a.png'/><img src=\"https://x/y.png\"></template>",
      "<style",
      '  src="./panel.css"',
      "></style>",
      "<i18n src='../locales.json'></i18n>",
    ].join("\n");
    const text = sfcScriptText("Panel.vue", vue);
    expect(text.split("\n").slice(0, 7).join("\n").length).toBe(vue.length);
    const imports = extractFacts("src/Panel.vue", vue).imports.map((i) => [i.specifier, i.line]);
    // The style tag's first line is too short for the statement: its import follows the last line.
    expect(imports).toEqual([
      ["./panel.html", 1],
      ["./panel.ts", 2],
      ["./a.png", 3],
      ["../locales.json", 7],
      ["./panel.css", 8],
    ]);
    expect(extractFacts("Row.svelte", '<img src="./a.png">').imports).toEqual([]);
  });

  it("reads the imports of Vue, Svelte and Astro components", () => {
    const vue = `<script lang="ts">\nimport A from "./a"\n</script>\n<script setup lang="ts">\nimport type { B } from "./b"\nimport C from "./C.vue"\n</script>\n<template><C/></template>\n`;
    expect(extractFacts("x/Demo.vue", vue).imports.map((i) => [i.specifier, i.line])).toEqual([
      ["./a", 2],
      ["./b", 5],
      ["./C.vue", 6],
    ]);
    const svelte = `<script context="module">\nimport { load } from "./load.js";\n</script>\n<script>\nimport Row from "./Row.svelte";\n</script>\n<Row />\n`;
    expect(extractFacts("Table.svelte", svelte).imports.map((i) => i.specifier)).toEqual([
      "./load.js",
      "./Row.svelte",
    ]);
    const astro = `---\nimport Layout from "../layouts/Layout.astro";\nconst title = "x";\n---\n<Layout title={title} />\n<script>\nimport "../scripts/menu";\n</script>\n`;
    expect(extractFacts("pages/index.astro", astro).imports.map((i) => i.specifier)).toEqual([
      "../layouts/Layout.astro",
      "../scripts/menu",
    ]);
  });
});
