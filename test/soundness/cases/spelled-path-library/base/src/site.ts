import { join } from "node:path";
import { serveFolder } from "tiny-static";

/** The site's pages: whatever public/ holds, served by a library. */
export const page = serveFolder(join(__dirname, "..", "public"));
