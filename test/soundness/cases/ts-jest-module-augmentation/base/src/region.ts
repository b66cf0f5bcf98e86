// Imported by nothing: the tsconfig's include puts it in the program, where it widens Settings.
declare module "./settings" {
  interface Settings {
    region: string;
  }
}

export {};
