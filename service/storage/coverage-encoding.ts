import type { CoverageRecord, CoveredFile } from "../../selector/coverage/types.js";

/**
 * A coverage upload as it is stored: each record's text (the row's `record` column), its test and
 * commit. A large upload is encoded on the body worker (http/body-work.ts) and its texts handed
 * over as the UTF-8 bytes of one transferred buffer, decoded a statement's worth at a time: the
 * main thread never holds an object per covered file. Rebuilding the 52 MiB upload's 420,000
 * file objects there, copying them clean and stringifying them again was where its event loop
 * was held (scavenges of objects that all survive, 40-100 ms each).
 */
export interface EncodedCoverage {
  tests: string[];
  /** Each record's commit: its own, else the upload's. */
  commits: string[];
  /** Every record's stored JSON, one after another, UTF-8. */
  text: Uint8Array;
  /** Where in `text` each record's JSON ends (bytes). */
  ends: number[];
  /** Files in all records together (the `coverage_files` limit). */
  files: number;
}

/** A covered file with the keys the contract names, in its order; `read` only when true. */
function cleanFile(file: CoveredFile): CoveredFile {
  const clean: CoveredFile = { path: file.path, blob: file.blob, units: file.units };
  if (file.read) clean.read = true;
  if (file.order !== undefined) clean.order = file.order;
  return clean;
}

/**
 * The stored form of `records`, uploaded for `commitSha`. With `clean`, each file keeps only the
 * contract's keys (what the upload route stores); without it, files are stored as given.
 */
export function encodeCoverage(
  commitSha: string,
  records: readonly CoverageRecord[],
  options: { clean: boolean },
): EncodedCoverage {
  const tests: string[] = [];
  const commits: string[] = [];
  const texts: string[] = [];
  const ends: number[] = [];
  let bytes = 0;
  let files = 0;
  for (const record of records) {
    const commit = record.commit ?? commitSha;
    const stored = {
      version: record.version,
      test: record.test,
      commit,
      files: options.clean ? record.files.map(cleanFile) : record.files,
    };
    const text = JSON.stringify(stored);
    tests.push(record.test);
    commits.push(commit);
    texts.push(text);
    bytes += Buffer.byteLength(text);
    ends.push(bytes);
    files += record.files.length;
  }
  const text = Buffer.allocUnsafeSlow(bytes);
  let at = 0;
  for (const piece of texts) at += text.write(piece, at);
  return { tests, commits, text, ends, files };
}

/** The stored JSON of each record, decoded when asked for. */
export function recordTexts(encoded: EncodedCoverage): { text(i: number): string; bytes(i: number): number } {
  const { buffer, byteOffset, byteLength } = encoded.text;
  const bytes = Buffer.from(buffer, byteOffset, byteLength);
  const { ends } = encoded;
  const start = (i: number) => (i === 0 ? 0 : ends[i - 1]!);
  return {
    text: (i) => bytes.toString("utf8", start(i), ends[i]!),
    bytes: (i) => ends[i]! - start(i),
  };
}
