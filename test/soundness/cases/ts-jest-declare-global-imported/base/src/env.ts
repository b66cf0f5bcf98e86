declare global {
  var appName: string;
}

globalThis.appName = "shop";

export {};
