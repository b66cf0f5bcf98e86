import { greet } from "./greet.mjs";

globalThis.greeting = greet("Ada");
