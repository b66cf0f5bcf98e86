import { register } from "./registry";

register("greet", () => "hi");
