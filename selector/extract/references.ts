import type { ReferenceSite } from "./top-level.js";
import type { ImportRecord } from "./types.js";

const IDENTIFIER = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/;

/**
 * Every name a top-level item can refer to: declaration names and import bindings. Stand-in
 * names (`default` for an anonymous default export, `declare module "a/b"`) bind nothing.
 */
export function topLevelNames(
  declarationNames: Iterable<string[]>,
  imports: readonly ImportRecord[],
): Set<string> {
  const names = new Set<string>();
  for (const list of declarationNames) {
    for (const name of list) if (name !== "default" && IDENTIFIER.test(name)) names.add(name);
  }
  for (const record of imports) {
    for (const local of record.locals ?? []) names.add(local);
    if (record.namespaceLocal) names.add(record.namespaceLocal);
  }
  return names;
}

/**
 * Identifier-shaped words, except a property after a single `.` (`a.b`, `a?.b`; a spread
 * `...b` still counts). Non-ASCII letters are taken as identifier characters.
 */
const WORD = /(?<![\w$\u0080-\uffff])(?<!(?<!\.)\.)[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

/**
 * Fills each site's references by reading its text: every word that is a top-level name.
 * Measured on a 5,000-line file, an identifier query over the tree costs more than half a
 * parse even when it finds nothing; this scan costs a few percent. It can only over-count
 * (a word in a comment or string, an object key, a shadowing local), which widens the graph
 * and never hides a dependency.
 */
export function fillReferences(
  source: string,
  sites: readonly ReferenceSite[],
  names: ReadonlySet<string>,
): void {
  if (names.size === 0) return;
  for (const site of sites) {
    const seen = new Set<string>();
    WORD.lastIndex = site.start;
    for (let match = WORD.exec(source); match && match.index < site.end; match = WORD.exec(source)) {
      const word = match[0];
      if (!names.has(word) || site.own.has(word) || seen.has(word)) continue;
      seen.add(word);
      site.references.push(word);
    }
  }
}
