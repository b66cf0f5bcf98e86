import { fileURLToPath } from "node:url";

// Every worker starts with the polyfill preloaded, before any test file or setup file.
export default {
  test: { execArgv: ["--require", fileURLToPath(new URL("./test/polyfill.cjs", import.meta.url))] },
};
