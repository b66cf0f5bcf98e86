import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { firstProblem } from "../schema/first-problem.js";

/** A state file's content, or the empty value and why it was not usable. */
export interface Loaded<T> {
  value: T;
  /** Set when the file existed but could not be used: it is rebuilt on the next write. */
  warning?: string;
}

/**
 * Reads one versioned JSON file of `.git/superplane/`. A missing file is the empty state; a file
 * that does not parse, or was written in another format, is the empty state with a warning: the
 * cache only saves work, so losing it must never stop a selection.
 */
export async function readStateFile<S extends TSchema>(
  file: string,
  schema: S,
  empty: () => Static<S>,
): Promise<Loaded<Static<S>>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { value: empty() };
    return { value: empty(), warning: `${file} cannot be read (${(error as Error).message}); rebuilt` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { value: empty(), warning: `${file} is not JSON (a torn write?); rebuilt` };
  }
  const problem = firstProblem(schema, json);
  if (!problem) return { value: json as Static<S> };
  const where = `${problem.path || "(top)"}: ${problem.message}`;
  return { value: empty(), warning: `${file} is not in this version's format (${where}); rebuilt` };
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeStateFile(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(value)}\n`);
  await rename(temp, file);
}

/** A `{ version: 1, tests: { [test path]: entry } }` file of `.git/superplane/`, one entry per test file. */
export interface TestsFile<T> {
  read(dir: string): Promise<Loaded<Record<string, T>>>;
  /** Reads the entries, lets `change` edit a copy and writes the copy back when `change` says to. */
  update(dir: string, change: (tests: Record<string, T>) => boolean): Promise<Loaded<Record<string, T>>>;
}

export function testsFile<E extends TSchema>(name: string, entry: E): TestsFile<Static<E>> {
  const schema = Type.Object({ version: Type.Literal(1), tests: Type.Record(Type.String(), entry) });
  const read = async (dir: string): Promise<Loaded<Record<string, Static<E>>>> => {
    const loaded = await readStateFile(join(dir, name), schema, () => ({ version: 1 as const, tests: {} }));
    return { value: loaded.value.tests, ...(loaded.warning ? { warning: loaded.warning } : {}) };
  };
  return {
    read,
    async update(dir, change) {
      const loaded = await read(dir);
      const tests = { ...loaded.value };
      if (change(tests)) await writeStateFile(join(dir, name), { version: 1, tests });
      return { ...loaded, value: tests };
    },
  };
}
