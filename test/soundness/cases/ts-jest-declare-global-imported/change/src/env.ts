declare global {
  var appName: number;
}

globalThis.appName = 7;

export {};
