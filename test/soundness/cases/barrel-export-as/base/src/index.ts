export { slugify as slug } from "./impl";
export { other } from "./other";
