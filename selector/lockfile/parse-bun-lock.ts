import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { descriptorName, descriptorRange } from "./descriptor-name.js";
import { entryDependencies, isRecord, text } from "./read-values.js";
import type { LockfileModel } from "./types.js";

function workspaceDependencies(entry: Record<string, unknown>): Map<string, string> {
  const specs = new Map<string, string>();
  for (const field of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]) {
    const map = entry[field];
    if (isRecord(map))
      for (const [name, spec] of Object.entries(map)) specs.set(name, `${field}:${text(spec)}`);
  }
  return specs;
}

/**
 * bun.lock (text, JSON with trailing commas): `workspaces` by directory, and `packages` whose
 * values are tuples `[descriptor, registry, {dependencies…}, integrity]`. The binary bun.lockb
 * cannot be read and is reported as unreadable.
 */
export function parseBunLock(source: string): LockfileModel {
  const errors: ParseError[] = [];
  const doc: unknown = parse(source, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) throw new Error(`${printParseErrorCode(first.error)} at offset ${first.offset}`);
  if (!isRecord(doc) || !isRecord(doc.packages)) throw new Error('no "packages" object');
  const model: LockfileModel = { packages: [], importers: new Map(), importerNames: new Map() };
  for (const [dir, entry] of Object.entries(isRecord(doc.workspaces) ? doc.workspaces : {})) {
    if (!isRecord(entry)) throw new Error(`workspaces["${dir}"] is not an object`);
    model.importers.set(dir, workspaceDependencies(entry));
    if (text(entry.name)) model.importerNames.set(dir, text(entry.name));
  }
  for (const [key, tuple] of Object.entries(doc.packages)) {
    if (!Array.isArray(tuple) || typeof tuple[0] !== "string")
      throw new Error(`packages["${key}"] is not a tuple`);
    const descriptor: string = tuple[0];
    const version = descriptorRange(descriptor);
    if (version.startsWith("workspace:")) continue;
    const info: unknown = tuple[2];
    model.packages.push({
      name: descriptorName(descriptor),
      version,
      fingerprint: `${descriptor}|${text(tuple[1])}|${text(tuple[3])}`,
      dependencies: isRecord(info) ? entryDependencies(info) : [],
    });
  }
  return model;
}
