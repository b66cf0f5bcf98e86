export interface Settings {
  name: string;
}
