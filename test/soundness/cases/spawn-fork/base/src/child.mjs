import { greet } from "./greet.mjs";

process.send(greet("Ada"));
