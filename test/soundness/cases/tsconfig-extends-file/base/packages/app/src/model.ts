class Record {
  constructor() {
    (this as unknown as Model).load();
  }
}

// With useDefineForClassFields the declared field is defined again (undefined) after super() ran load().
export class Model extends Record {
  id?: number;
  load() {
    this.id = 1;
  }
}
