globalThis.answer = 43;
