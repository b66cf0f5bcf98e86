import { MEMBER } from "./namespace-members.js";
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

/** Where a word of a site stands: in code that runs, where a type goes, or neither (a comment, a key). */
export type WordPosition = "value" | "type" | "none";

/**
 * Fills each site's references by reading its text: every word that is a top-level name.
 * Measured on a 5,000-line file, an identifier query over the tree costs more than half a
 * parse even when it finds nothing; this scan costs a few percent. `positionOf` asks the tree
 * about the words it finds, so that a name written where a type goes (`x: string` beside an
 * exported `string()`) is a type reference, and one in a comment or as an object key none.
 * What it cannot tell counts as code: the scan can only over-count (a word in a string, a
 * shadowing local), which widens the graph and never hides a dependency. A namespace import
 * read only through its members (`namespaces`) is referenced member by member, as `z.string`:
 * a change to one export of its module then reaches the declarations that read that export.
 */
export function fillReferences(
  source: string,
  sites: readonly ReferenceSite[],
  names: ReadonlySet<string>,
  namespaces: ReadonlySet<string> = new Set(),
  positionOf: (index: number, word: string) => WordPosition = () => "value",
): void {
  if (names.size === 0) return;
  for (const site of sites) {
    const values = new Set<string>();
    const types = new Set<string>();
    WORD.lastIndex = site.start;
    for (let match = WORD.exec(source); match && match.index < site.end; match = WORD.exec(source)) {
      let word = match[0];
      if (!names.has(word) || site.own.has(word)) continue;
      if (namespaces.has(word)) {
        const end = match.index + word.length;
        const member = MEMBER.exec(source.slice(end, end + 256));
        // Read only through members, a bare word is in a comment or a string and uses nothing.
        if (!member) continue;
        word = `${word}.${member[1]}`;
      }
      if (values.has(word)) continue;
      const position = positionOf(match.index, match[0]);
      if (position === "value") values.add(word);
      else if (position === "type") types.add(word);
    }
    site.references.push(...values);
    for (const word of types) if (!values.has(word)) site.typeReferences.push(word);
  }
}
