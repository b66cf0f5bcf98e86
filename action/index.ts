import { main } from "./main.js";

// The bundle's entry (dist/index.js): GitHub runs it with `node`, inputs in INPUT_* variables.
// Stack traces point into the TypeScript sources through dist/*.js.map.
process.setSourceMapsEnabled(true);
await main();
