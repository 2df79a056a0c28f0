export { createStateMachine } from "./machine.js";
export type { StateMachine } from "./machine.js";
