import { fileURLToPath } from "node:url";

process.loadEnvFile(fileURLToPath(new URL("../config/test.env", import.meta.url)));
