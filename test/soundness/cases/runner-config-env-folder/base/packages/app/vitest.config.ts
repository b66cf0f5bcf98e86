import { fileURLToPath } from "node:url";

export default {
  test: {
    include: ["test/**/*.test.ts"],
    env: { FIXTURES_DIR: fileURLToPath(new URL("./test/fixtures", import.meta.url)) },
  },
};
