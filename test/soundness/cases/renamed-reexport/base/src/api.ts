import { compute } from "./impl";

export { compute as run };
