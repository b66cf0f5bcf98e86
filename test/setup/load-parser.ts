import { loadParser } from "../../selector/extract/parser.js";

// Product entry points load the WASM parser before they parse (the CLI, the action, runSelection);
// unit tests call the extractor directly, so every test file starts with it loaded.
await loadParser();
