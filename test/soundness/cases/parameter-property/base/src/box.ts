export class Box {
  constructor(value: number) {
    void value;
  }
}
