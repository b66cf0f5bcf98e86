import { start } from "./start";

export class Counter {
  value = start();
}
