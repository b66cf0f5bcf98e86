/**
 * Per-test coverage: which functions a test file ran, named so that a later version of the
 * repository can tell whether any of them changed. Written by the collector inside the test
 * run (raw), turned into records against the files as they were, stored with the run's results.
 */

/** What the collector writes per test file: positions in the files as the run read them. */
export interface RawCoverage {
  version: 1;
  /** Absolute path of the test file. */
  test: string;
  /**
   * The worker had run another test file before: modules it cached ran their load before this
   * file's window, so what this file loaded cannot be told (vitest with `isolate: false`).
   */
  reused: boolean;
  files: RawCoveredFile[];
  /** A process or thread it started (its code ran where this run's counts cannot see). */
  spawned?: string;
  /** Directories it listed: which files they hold is an input no record names. */
  listed?: string[];
}

export interface RawCoveredFile {
  /** Absolute path. */
  path: string;
  /** Git blob id of the content the run read. */
  blob: string;
  /** Original [line, column] (0-based) where each function that ran starts, or just before it. */
  positions: [number, number][];
  /** Functions that ran but could not be placed: the whole file counts as run. */
  unplaced: number;
  /** The test read it as text (or as bytes): every byte is an input, comments too. */
  read?: boolean;
  /** Rank of when it started loading among the files the test loaded (0 first); absent if only read. */
  order?: number;
}

/** One file a test loaded, with the functions it ran. */
export interface CoveredFile {
  /** Repository-relative, POSIX. */
  path: string;
  /** Git blob id of the version the test ran. */
  blob: string;
  /** Indexes into that version's units (function-units.ts) that ran, or `all` when unknown. */
  units: number[] | "all";
  /** Read as text or bytes: any change to it counts, even of a comment. */
  read?: true;
  /** Rank of when it started loading among the files the test loaded (0 first). */
  order?: number;
}

/** What one test file loaded and ran, at one version of the repository. */
export interface CoverageRecord {
  /** UNITS_VERSION of the units the indexes name. */
  version: number;
  /** Repository-relative test path. */
  test: string;
  /** The commit the run tested, when known (for reasons, never for checks: blobs are the truth). */
  commit?: string;
  files: CoveredFile[];
}

/** Whether recorded coverage shows that a change cannot reach a test. */
export type CoverageVerdict =
  | { clear: true; commit?: string; files: number }
  | { clear: false; reason: string };

/**
 * Bump when the collector records differently (what counts as an input, what makes a run
 * unrecordable): cached runs of `superplane eval` are keyed by it.
 */
export const COLLECTOR_VERSION = 3;

/** Bump when units are counted differently: records of another version name other units. */
export const UNITS_VERSION = 2;
