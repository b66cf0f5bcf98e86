import { pad } from "superplane-no-such-package";

export function formatName(name: string): string {
  return name.trim();
}

export function padName(name: string): string {
  return pad(name, 10);
}
