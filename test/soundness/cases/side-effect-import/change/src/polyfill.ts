(globalThis as Record<string, unknown>).answer = 43;
