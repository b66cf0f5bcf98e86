import { parentPort } from "node:worker_threads";
import { greet } from "./greet.mjs";

parentPort.postMessage(greet("Ada"));
