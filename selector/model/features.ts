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
}

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
