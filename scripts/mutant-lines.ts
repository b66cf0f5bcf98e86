/** Seeded single-line mutants for scripts/mutants.ts: one operator flipped on a line that decides something. */

export interface Mutant {
  file: string;
  /** 0-based line. */
  line: number;
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

function isCode(line: string): boolean {
  const t = line.trim();
  if (t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) return false;
  // Type positions have no runtime operators worth flipping; template literals are often generated code.
  return !/^(export )?(type|interface) /.test(t) && !t.includes("`");
}

/** Every candidate mutant of `text` (the first operator of each deciding line). */
export function candidates(file: string, text: string): Mutant[] {
  const found: Mutant[] = [];
  text.split("\n").forEach((line, i) => {
    if (!isCode(line) || !DECIDES.test(line)) return;
    const swap = SWAPS.find(([from]) => line.includes(from));
    if (swap) found.push({ file, line: i, from: swap[0], to: swap[1] });
  });
  return found;
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
  const pool = [...all];
  const random = seeded(seed);
  const picked: Mutant[] = [];
  while (picked.length < count && pool.length > 0) {
    picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  }
  return picked;
}

/** The text with the mutant applied. */
export function apply(text: string, mutant: Mutant): string {
  const lines = text.split("\n");
  lines[mutant.line] = lines[mutant.line]!.replace(mutant.from, mutant.to);
  return lines.join("\n");
}
