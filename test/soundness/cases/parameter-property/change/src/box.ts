export class Box {
  constructor(private value: number | string) {
    void value;
  }
}
