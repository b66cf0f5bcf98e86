import "./env";

export const start = (): string => `starting ${globalThis.appName}`;
