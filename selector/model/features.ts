/** What the graph says about one (change, test) pair; the model's input. */
export interface TestFeatures {
  /** A path of imports leads from a changed file to the test. */
  reachable: boolean;
  /** Hops along that path (1 = the test imports a changed file); 0 when not reachable. */
  distance: number;
  /** The test uses an affected name (a changed declaration, or one that uses it). */
  symbolHit: boolean;
  /** Reached only through an import written inside a string (compiled at run time). */
  weakOnly: boolean;
  /** Changed files with a path to the test. */
  changedFilesReaching: number;
  /** Largest number of direct importers among the changed files reaching the test. */
  maxFanIn: number;
  /** A type test (`*.test-d.ts`): fails on type changes alone. */
  typeTest: boolean;
  /**
   * For an affected test: how near to the change the nearest affected name its text writes is,
   * in declarations (0: a changed declaration; 1: one that uses it; 2: one that uses that), or
   * MENTION_BEYOND when it writes none that near. Absent when not looked at (unknown).
   */
  mentionDepth?: number;
}

/** How many declarations away from the change a written name still counts as near. */
export const MENTION_REACH = 2;
/** `mentionDepth` of an affected test whose text names nothing within MENTION_REACH. */
export const MENTION_BEYOND = MENTION_REACH + 1;

export function unreachableFeatures(typeTest: boolean): TestFeatures {
  return {
    reachable: false,
    distance: 0,
    symbolHit: false,
    weakOnly: false,
    changedFilesReaching: 0,
    maxFanIn: 0,
    typeTest,
  };
}
