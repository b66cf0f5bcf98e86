globalThis.prefix = "$";
