/** The 1-based line of `text` that holds the character at `index`. */
export const lineAt = (text: string, index: number): number => text.slice(0, index).split("\n").length;
