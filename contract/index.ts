/** The wire contract: the service validates with these schemas and generates its OpenAPI document from them; the action imports them for its types and to check answers. */
export * from "./account.js";
export * from "./common.js";
export * from "./coverage.js";
export * from "./decision-columns.js";
export * from "./dispatch.js";
export * from "./error-codes.js";
export * from "./insights.js";
export * from "./learning.js";
export * from "./runs.js";
export * from "./selection.js";
export * from "./test-columns.js";
export * from "./webhooks.js";
