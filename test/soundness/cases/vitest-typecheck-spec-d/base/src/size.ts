export type Size = "s" | "m";
