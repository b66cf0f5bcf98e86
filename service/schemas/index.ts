/** The wire contract: the action's client imports these types (and may validate with the schemas). */
export * from "./account.js";
export * from "./common.js";
export * from "./coverage.js";
export * from "./dispatch.js";
export * from "./insights.js";
export * from "./learning.js";
export * from "./runs.js";
export * from "./selection.js";
export * from "./webhooks.js";
