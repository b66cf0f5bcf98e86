import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { dirOf } from "./repo-path.js";
import type { ResolverWarning } from "./types.js";

/** A path-valued option with the directory of the config that wrote it (relative paths start there). */
export interface PathOption {
  value: string;
  dir: string;
}

/** The compilerOptions resolution reads, not yet made absolute: `${configDir}` needs the leaf config. */
export interface RawOptions {
  baseUrl?: PathOption;
  paths?: { map: Record<string, string[]>; dir: string };
  outDir?: PathOption;
  rootDir?: PathOption;
  jsx?: string;
  jsxImportSource?: string;
  /** `moduleSuffixes` (`[".ios", ""]`): what the type checker tries between a name and its extension. */
  moduleSuffixes?: string[];
}

/** One tsconfig file as written (extends not followed). */
export interface ParsedTsconfig {
  extends: string[];
  options: RawOptions;
  /** Top-level `files`, `include`, `exclude` and `references[].path`: only for solution-style configs. */
  files?: string[];
  include?: string[];
  exclude?: string[];
  references: string[];
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === "string");
}

function pathsMap(value: unknown): Record<string, string[]> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const map: Record<string, string[]> = {};
  for (const [pattern, targets] of Object.entries(value)) map[pattern] = stringList(targets) ?? [];
  return map;
}

function readOptions(value: unknown, dir: string): RawOptions {
  if (!value || typeof value !== "object") return {};
  const options = value as Record<string, unknown>;
  const raw: RawOptions = {};
  for (const key of ["baseUrl", "outDir", "rootDir"] as const) {
    const option = options[key];
    if (typeof option === "string") raw[key] = { value: option, dir };
  }
  const paths = pathsMap(options.paths);
  if (paths) raw.paths = { map: paths, dir };
  if (typeof options.jsx === "string") raw.jsx = options.jsx;
  if (typeof options.jsxImportSource === "string") raw.jsxImportSource = options.jsxImportSource;
  const moduleSuffixes = stringList(options.moduleSuffixes);
  if (moduleSuffixes) raw.moduleSuffixes = moduleSuffixes;
  return raw;
}

const EMPTY: ParsedTsconfig = { extends: [], options: {}, references: [] };

/**
 * Parses a tsconfig as TypeScript does (comments and trailing commas allowed). A file that still
 * fails is treated as empty and warned about: a broken tsconfig must not stop selection.
 */
export function parseTsconfig(path: string, text: string, warnings: ResolverWarning[]): ParsedTsconfig {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !value || typeof value !== "object" || Array.isArray(value)) {
    const detail = first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : "not an object";
    warnings.push({
      file: path,
      message: `${path}: cannot parse tsconfig (${detail}); its settings are ignored`,
    });
    return EMPTY;
  }
  const config = value as Record<string, unknown>;
  const extendsValue = config.extends;
  const references = Array.isArray(config.references)
    ? config.references.flatMap((ref: unknown) =>
        ref && typeof ref === "object" && typeof (ref as { path?: unknown }).path === "string"
          ? [(ref as { path: string }).path]
          : [],
      )
    : [];
  const parsed: ParsedTsconfig = {
    extends: typeof extendsValue === "string" ? [extendsValue] : (stringList(extendsValue) ?? []),
    options: readOptions(config.compilerOptions, dirOf(path)),
    references,
  };
  const files = stringList(config.files);
  const include = stringList(config.include);
  const exclude = stringList(config.exclude);
  if (files) parsed.files = files;
  if (include) parsed.include = include;
  if (exclude) parsed.exclude = exclude;
  return parsed;
}
