let cached: Promise<typeof import("./lazy.js")> | undefined;

export function load(): Promise<typeof import("./lazy.js")> {
  cached ??= import("./lazy.js");
  return cached;
}
