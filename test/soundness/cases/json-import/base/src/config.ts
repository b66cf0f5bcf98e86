import settings from "./settings.json";

export function retries(): number {
  return settings.retries;
}
