globalThis.GREETING = "hi";
