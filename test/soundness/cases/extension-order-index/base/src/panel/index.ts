// The TypeScript source; the runner loads index.js beside it first.
export const title: string = "panel";
