export * from "./slug";
export * from "./other";
