export type Size = "s" | "m" | "l";
