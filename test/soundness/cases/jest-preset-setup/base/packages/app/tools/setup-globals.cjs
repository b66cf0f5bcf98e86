globalThis.GREETING = "hello";
