import type { ImportRecord } from "./types.js";

const escapeDollars = (text: string) => text.replace(/[$]/g, "\\$");
/** `.name` or `?.name` right after a namespace binding, across white space. */
export const MEMBER = /^\s*\??\.\s*([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)/;

/**
 * Which members of a namespace import (`import * as z from "x"`) the file reads: every `z.name`
 * (and `z?.name`), so a change to one export of "x" reaches only the files that read it. Any other
 * use of `z` (passed along, `z[key]`, spread, `typeof z`) could read anything: then no list is set.
 * `inComment` tells a bare word in a comment or a string, which uses nothing, from code; a
 * `z.name` found there only adds a member, which can only widen the graph.
 */
export function readNamespaceMembers(
  source: string,
  imports: readonly ImportRecord[],
  importSpans: readonly [number, number][],
  inCommentOrString: (index: number) => boolean = () => false,
): void {
  for (const record of imports) {
    const local = record.namespaceLocal;
    if (!local || (record.kind !== "static" && record.kind !== "type")) continue;
    const word = new RegExp(
      `(?<![\\w$\\u0080-\\uffff])${escapeDollars(local)}(?![\\w$\\u0080-\\uffff])`,
      "g",
    );
    const members = new Set<string>();
    let bare = false;
    for (let match = word.exec(source); match; match = word.exec(source)) {
      const at = match.index;
      if (importSpans.some(([start, end]) => at >= start && at < end)) continue;
      // `other.z` is someone else's property; `...z` spreads the namespace: every member.
      if (source[at - 1] === "." && source.slice(at - 3, at) !== "...") continue;
      const member = MEMBER.exec(source.slice(at + local.length, at + local.length + 256));
      if (!member) {
        if (inCommentOrString(at)) continue;
        bare = true;
        break;
      }
      members.add(member[1]!);
    }
    if (!bare) record.members = [...members];
  }
}
