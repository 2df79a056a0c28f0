export { startSimulator, RECORDS_PATH } from "./server.js";
export type { RunningSimulator, SimulatorOptions, SimulatorRecord } from "./server.js";
export { simulatedKind } from "./kinds.js";
export type { SimulatedKind } from "./kinds.js";
export { TEST_TOKENS, paymentGateway } from "./payment.js";
export type { TestTokenOutcome } from "./payment.js";
export { emailService, genericService, smsService } from "./messages.js";
export type { Behaviour, SimulatedRequest, SimulatedResponse } from "./protocol.js";
