import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");
