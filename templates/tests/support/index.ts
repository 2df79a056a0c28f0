export { contractSystem, ContractSystem } from "./system.js";
export type { ContractOptions } from "./system.js";
export { service } from "./local.js";
export type { ServiceEntry, StartOptions } from "./local.js";
export { ContractFailure } from "./model.js";
export type { SampleRequest, TestContext } from "./model.js";
