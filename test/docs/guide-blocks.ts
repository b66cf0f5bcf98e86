/** The fenced blocks of a Markdown file, with the words after the opening fence (its "info"). */
export interface FencedBlock {
  info: string[];
  body: string;
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const fence = /^```([^\n`]*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    blocks.push({ info: match[1]!.trim().split(/\s+/).filter(Boolean), body: match[2]! });
  }
  return blocks;
}

/** Languages whose blocks are commands a reader types, so the guide test must run them. */
export const SHELL = new Set(["sh", "bash", "shell", "console"]);
