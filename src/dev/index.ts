export { archkitRoot, linkArchkit } from "./link.js";
export type { LinkOutcome } from "./link.js";
export { startSimulator, RECORDS_PATH, simulatedKind, TEST_TOKENS, paymentGateway, emailService, smsService, genericService } from "./simulator/index.js";
export type { RunningSimulator, SimulatorOptions, SimulatorRecord, SimulatedKind, TestTokenOutcome, Behaviour, SimulatedRequest, SimulatedResponse } from "./simulator/index.js";
