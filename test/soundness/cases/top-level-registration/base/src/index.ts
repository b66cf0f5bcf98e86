import "./greeting";

export { lookup } from "./registry";
