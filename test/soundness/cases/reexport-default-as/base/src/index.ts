export { default as parse } from "./parse";
