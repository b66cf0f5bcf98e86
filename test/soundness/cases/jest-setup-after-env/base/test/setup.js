globalThis.prefix = ">";
