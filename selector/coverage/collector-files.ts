import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The JSON files the collector wrote in `dir`, parsed, in name order; none when `dir` does not
 * exist. A file that cannot be read or parsed is reported through `warn` and skipped.
 */
export async function readCollectorFiles(
  dir: string,
  warn: (message: string) => void,
): Promise<{ file: string; value: unknown }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
  const out: { file: string; value: unknown }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      out.push({ file, value: JSON.parse(await readFile(file, "utf8")) });
    } catch (error) {
      warn(`${file}: ${(error as Error).message}; skipped`);
    }
  }
  return out;
}
