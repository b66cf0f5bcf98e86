(globalThis as Record<string, unknown>).prefix = ">";
