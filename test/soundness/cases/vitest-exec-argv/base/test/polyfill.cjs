globalThis.answer = 42;
