import { join } from "node:path";
import { serveFolder } from "tiny-static";

const PUBLIC = join(__dirname, "..", "public");

/** The site's pages: whatever public/ holds, served by a library handed the folder's constant. */
export const page = serveFolder(PUBLIC);
