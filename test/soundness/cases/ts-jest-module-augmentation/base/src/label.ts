import type { Settings } from "./settings";

export function label(settings: Settings): string {
  return `${settings.name} (${settings.region.toUpperCase()})`;
}
