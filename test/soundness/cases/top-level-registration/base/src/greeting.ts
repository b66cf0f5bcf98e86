import { register } from "./registry";

register("greet", () => "hello");
