// An enum, types and parameter properties ahead of the changed code: the transform turns the enum
// into a function, drops the types and moves the properties into the constructor, so no line
// below keeps its place in the code that runs.
export enum Op {
  Shout = "shout",
  Whisper = "whisper",
}

export interface Options {
  readonly times?: number;
}

type Joiner = (parts: readonly string[]) => string;

class Repeater {
  constructor(
    private readonly times: number,
    private readonly join: Joiner = (parts) => parts.join(" "),
  ) {}

  run(text: string): string {
    const parts: string[] = [];
    for (let i = 0; i < this.times; i++) parts.push(text);
    return this.join(parts);
  }
}

export function shout(text: string, options: Options = {}): string {
  return new Repeater(options.times ?? 1).run(text.toUpperCase());
}

export function whisper(text: string): string {
  return text.toLowerCase();
}

export function dispatch(op: Op, text: string, options?: Options): string {
  return op === Op.Shout ? shout(text, options) : whisper(text);
}
