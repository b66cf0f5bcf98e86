import { connect, escape } from "./db";

export function query(name: string): string {
  return `${connect()}:${escape(name)}`;
}
