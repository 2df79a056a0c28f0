export { archkitRoot, ensureArchkit, linkArchkit } from "./link.js";
export type { LinkOutcome } from "./link.js";
export {
  startSimulator,
  RECORDS_PATH,
  simulatedKind,
  TEST_TOKENS,
  paymentGateway,
  emailService,
  smsService,
  genericService,
} from "./simulator/index.js";
export type {
  RunningSimulator,
  SimulatorOptions,
  SimulatorRecord,
  SimulatedKind,
  TestTokenOutcome,
  Behaviour,
  SimulatedRequest,
  SimulatedResponse,
} from "./simulator/index.js";
export { startSystem } from "./system.js";
export { DevBrokerError, devBrokerEnv, parseDevBroker } from "./broker.js";
export type { DevBroker } from "./broker.js";
export { DEV_SECRET_FILE, devSecret, existingDevSecret, signingSecret } from "./secret.js";
export type { SecretSource } from "./secret.js";
export type { RunningService, RunningSystem, StartSystemOptions } from "./system.js";
export { devProject, readProjectModel, serviceFiles, DevProjectError } from "./project.js";
export { ServiceStartError } from "./child.js";
export type { DevProject } from "./project.js";
export { EventLog, LogBook } from "./events.js";
export type { EventRecord } from "./events.js";
export { colourFor, logRecord, prettyLogLine } from "./logs.js";
export type { LogRecord, LogSink } from "./logs.js";
export { startInspector } from "./inspector.js";
export type { Inspector } from "./inspector.js";
export { watchProject } from "./watch.js";
export type { Change } from "./watch.js";
export { DEV_PORTS_FILE, freePort, pickPort, portIsFree, rememberedPorts } from "./ports.js";
export type { PortPlan } from "./ports.js";
export { startTypecheck, typecheckLines } from "./typecheck.js";
export type { CheckReply, Typecheck, TypecheckResult, TypecheckStatus } from "./typecheck.js";
export { loadTypescript, typeChecker } from "./typecheck-program.js";
export type { TypecheckError } from "./typecheck-program.js";
export { waitReady } from "./ready.js";
