/**
 * Seeded single-line mutants for research/mutants.ts, of three families a pull request leaves
 * behind: a flipped operator (a logic bug), a broken type (a return or parameter annotation made
 * incompatible, a property of an interface or object type renamed) and broken syntax (a closing
 * brace or paren deleted, as in an unfinished edit). Pure: text in, mutants out.
 */

export type MutantKind =
  | "flip"
  | "return-type"
  | "param-type"
  | "prop-rename"
  | "close-brace"
  | "close-paren";
export type MutantFamily = "flip" | "type" | "syntax";

export const FAMILY: Record<MutantKind, MutantFamily> = {
  flip: "flip",
  "return-type": "type",
  "param-type": "type",
  "prop-rename": "type",
  "close-brace": "syntax",
  "close-paren": "syntax",
};

export interface Mutant {
  file: string;
  /** 0-based line. */
  line: number;
  kind: MutantKind;
  /** 0-based column of `from` in the line. */
  column: number;
  from: string;
  to: string;
}

const SWAPS: [string, string][] = [
  [" === ", " !== "],
  [" !== ", " === "],
  [" <= ", " < "],
  [" >= ", " > "],
  [" < ", " <= "],
  [" > ", " >= "],
  [" && ", " || "],
  [" || ", " && "],
];

/** A line whose value decides control flow or a result: where a flipped operator is a plausible bug. */
const DECIDES = /\bif \(|\breturn |\? |\bwhile \(/;

function isComment(t: string): boolean {
  return t.startsWith("//") || t.startsWith("*") || t.startsWith("/*");
}

function isCode(line: string): boolean {
  const t = line.trim();
  if (isComment(t)) return false;
  // Type positions have no runtime operators worth flipping; template literals are often generated code.
  return !/^(export )?(type|interface) /.test(t) && !t.includes("`");
}

function flips(file: string, lines: readonly string[]): Mutant[] {
  const found: Mutant[] = [];
  lines.forEach((line, i) => {
    if (!isCode(line) || !DECIDES.test(line)) return;
    const swap = SWAPS.find(([from]) => line.includes(from));
    if (swap)
      found.push({ file, line: i, kind: "flip", column: line.indexOf(swap[0]), from: swap[0], to: swap[1] });
  });
  return found;
}

/** A type no annotation it replaces is compatible with (a `number` stays broken as `string`). */
const incompatible = (type: string) => (/\bnumber\b/.test(type) ? "string" : "number");

/** `): T {` or `): T =>` closing a signature: the annotation T. */
const RETURN_TYPE =
  /\)\s*:\s*([A-Za-z_$][\w$.]*(?:<[^(){}]*>)?(?:\[\])*(?:\s*\|\s*[A-Za-z_$][\w$.]*(?:\[\])*)*)\s*(?:\{|=>)/;

/** A line that declares a function: a `function`, an arrow assigned to a name, or a class method. */
const DECLARES_FUNCTION =
  /^\s*(export\s+)?(default\s+)?(async\s+)?function\b|^\s*(export\s+)?(const|let)\s+[\w$]+\s*(:[^=]+)?=\s*(async\s*)?(<[^>]*>)?\(|^\s*((public|private|protected|static|async|override)\s+)*[A-Za-z_$][\w$]*\s*(<[^>]*>)?\([^)]*\)?\s*(:[^{=]+)?\{\s*$/;

/** The first `name: Type` (or `name?: Type`) parameter of a signature, Type a plain name. */
const PARAM = /[(,]\s*[A-Za-z_$][\w$]*\??\s*:\s*(string|number|boolean|[A-Z][\w$]*(?:\[\])?)(?=\s*[,)=])/;

function typeBreaks(file: string, lines: readonly string[]): Mutant[] {
  const found: Mutant[] = [];
  /** Brace depth inside an interface or object type, 0 when outside one. */
  let depth = 0;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (isComment(t)) return;
    if (depth > 0) {
      const prop = /^(\s*(?:readonly\s+)?)([A-Za-z_$][\w$]*)\??:/.exec(line);
      if (depth === 1 && prop) {
        const column = prop[1]!.length;
        found.push({ file, line: i, kind: "prop-rename", column, from: prop[2]!, to: `${prop[2]}Renamed` });
      }
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      if (depth < 0) depth = 0;
      return;
    }
    if (/^(export\s+)?(declare\s+)?(interface\s+[\w$]+[^{]*|type\s+[\w$]+(<[^=]*>)?\s*=\s*)\{\s*$/.test(t)) {
      depth = 1;
      return;
    }
    if (!DECLARES_FUNCTION.test(line) || /^\s*(if|for|while|switch|catch)\b/.test(line)) return;
    const returned = RETURN_TYPE.exec(line);
    if (returned) {
      const type = returned[1]!;
      const column = returned.index + returned[0].indexOf(type, returned[0].indexOf(":"));
      found.push({ file, line: i, kind: "return-type", column, from: type, to: incompatible(type) });
    }
    const param = PARAM.exec(line);
    if (param) {
      const type = param[1]!;
      const column = param.index + param[0].lastIndexOf(type);
      found.push({ file, line: i, kind: "param-type", column, from: type, to: incompatible(type) });
    }
  });
  return found;
}

function syntaxBreaks(file: string, lines: readonly string[]): Mutant[] {
  const found: Mutant[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (isComment(t)) return;
    if (/^\}[;,)]*;?$/.test(t)) {
      found.push({ file, line: i, kind: "close-brace", column: line.indexOf("}"), from: "}", to: "" });
    } else if (/\(.*\);$/.test(t) && !t.includes("`")) {
      found.push({ file, line: i, kind: "close-paren", column: line.lastIndexOf(")"), from: ")", to: "" });
    }
  });
  return found;
}

/** Every candidate mutant of `text`, by family. */
export function candidates(file: string, text: string): Record<MutantFamily, Mutant[]> {
  const lines = text.split("\n");
  return { flip: flips(file, lines), type: typeBreaks(file, lines), syntax: syntaxBreaks(file, lines) };
}

/**
 * A congruential sequence in plain doubles (the product loses low bits, so it is no textbook LCG,
 * but IEEE arithmetic is the same everywhere): the same seed picks the same mutants on every machine.
 */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** `count` mutants drawn without replacement. */
export function pick(all: readonly Mutant[], count: number, seed: number): Mutant[] {
  return drawFrom([...all], count, seeded(seed));
}

function drawFrom(pool: Mutant[], count: number, random: () => number): Mutant[] {
  const picked: Mutant[] = [];
  while (picked.length < count && pool.length > 0) {
    picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  }
  return picked;
}

/**
 * `count` mutants in the given shares of each family (e.g. flip 0.5, type 0.3, syntax 0.2). The
 * i-th mutant comes from the family furthest behind its share, drawn with that family's own seeded
 * sequence, so the first N of a larger count are the mutants of count N: a run extended from 20
 * to 40 mutants reuses every cached outcome. A family out of candidates yields to the next.
 */
export function pickMix(
  pools: Record<MutantFamily, readonly Mutant[]>,
  count: number,
  seed: number,
  shares: readonly [MutantFamily, number][],
): Mutant[] {
  const families = shares.map(([family, share], i) => ({
    share,
    left: [...pools[family]],
    random: seeded(seed + i),
    taken: 0,
  }));
  const picked: Mutant[] = [];
  while (picked.length < count) {
    const open = families.filter((f) => f.left.length > 0);
    if (open.length === 0) break;
    const behind = (f: (typeof open)[number]) => f.share * (picked.length + 1) - f.taken;
    const next = open.reduce((best, f) => (behind(f) > behind(best) ? f : best));
    picked.push(...drawFrom(next.left, 1, next.random));
    next.taken += 1;
  }
  return picked;
}

/** The text with the mutant applied; throws when the line no longer holds `from` at its column. */
export function apply(text: string, mutant: Mutant): string {
  const lines = text.split("\n");
  const line = lines[mutant.line]!;
  if (line.slice(mutant.column, mutant.column + mutant.from.length) !== mutant.from) {
    throw new Error(
      `${mutant.file}:${mutant.line + 1}: no ${JSON.stringify(mutant.from)} at column ${mutant.column}`,
    );
  }
  lines[mutant.line] =
    line.slice(0, mutant.column) + mutant.to + line.slice(mutant.column + mutant.from.length);
  return lines.join("\n");
}

/** The mutant's cache key: file, line, kind and the exact edit (a changed candidate list keeps old outcomes). */
export function mutantKey(mutant: Mutant): string {
  return `${mutant.file}:${mutant.line}:${mutant.column}:${mutant.kind}:${mutant.from}->${mutant.to}`;
}

/** `file:line: kind from -> to`, lines counted from 1, for reports. */
export function mutantLabel(mutant: Mutant): string {
  const to = mutant.to === "" ? "(deleted)" : mutant.to.trim();
  return `${mutant.file}:${mutant.line + 1}: ${mutant.kind} ${mutant.from.trim()} -> ${to}`;
}
