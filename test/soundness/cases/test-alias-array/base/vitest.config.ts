import { fileURLToPath } from "node:url";

export default {
  test: {
    alias: [{ find: "~", replacement: fileURLToPath(new URL("./src", import.meta.url)) }],
  },
};
