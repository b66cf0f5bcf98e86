/**
 * Each distinct reason once, in order of first use: the stored record and the answer's columns both
 * write a reason table and give each test its reasons as indexes into it.
 */
export class ReasonIndex {
  private readonly index = new Map<string, number>();

  /** The indexes of `reasons`, adding the ones not seen before at the end of the table. */
  refs(reasons: readonly string[]): number[] {
    const refs: number[] = [];
    for (let r = 0; r < reasons.length; r++) {
      const reason = reasons[r]!;
      let at = this.index.get(reason);
      if (at === undefined) {
        at = this.index.size;
        this.index.set(reason, at);
      }
      refs.push(at);
    }
    return refs;
  }

  /** The reasons in index order. */
  table(): string[] {
    return [...this.index.keys()];
  }
}
