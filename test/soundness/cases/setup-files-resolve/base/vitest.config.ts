import { resolve } from "node:path";

export default {
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [resolve(__dirname, "test/setup.ts")],
  },
};
