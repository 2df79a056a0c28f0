export * from "./requests/index.js";
export * from "./sla/index.js";
