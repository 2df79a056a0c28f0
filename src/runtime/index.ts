/**
 * archkit/runtime: what generated services run on.
 *
 * @example
 * import { startService } from "archkit/runtime";
 * import { compileFile } from "archkit/model";
 *
 * const { model } = await compileFile("architecture.yaml");
 * await startService({ model: model!, service: "orders", handlers, consumers, signals: true });
 */
export type * from "./contracts.js";
export { ArchkitError, isArchkitError } from "../model/errors.js";
export type { ArchkitErrorOptions, ExitCode } from "../model/errors.js";
export type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
export * from "./host/index.js";
export * from "./service/index.js";
export * from "./clients/index.js";
export * from "./gateway/index.js";
export * from "./state-machine/index.js";
export * from "./observability/index.js";
export * from "./db/index.js";
export * from "./cache/index.js";
export * from "./fixtures/index.js";
export * from "./identity/index.js";
export {
  createEventBus,
  EventBusConfigError,
  InvalidPayloadError,
  UndeclaredEventError,
  HEADERS,
  createEnvelope,
  deadLetterEnvelope,
  MemoryBroker,
  defaultMemoryBroker,
  MemoryTransport,
  SocketTransport,
  serveBroker,
  KafkaTransport,
  fromKafkaMessage,
  toKafkaMessage,
  RabbitMqTransport,
  fromAmqpMessage,
  toAmqpMessage,
  TransportConfigError,
  createTransport,
  modelTopics,
  transportConfigFromEnv,
  TransportStateError,
  OutboxRelay,
  readOutboxLag,
  writeOutbox,
  markProcessed,
  pruneProcessed,
  eventMetrics,
  compileValidators as compilePayloadValidators,
  describeErrors,
  silentLogger,
  StoppingError,
  backoffDelay,
} from "./events/index.js";
export type {
  EventBus,
  EventBusOptions,
  EventContext,
  EventHandler,
  EventHandlers,
  Publish,
  PublishOptions,
  TypedEventBus,
  DeadLetter,
  NewEnvelope,
  MemoryBrokerOptions,
  MemoryMember,
  MemoryTransportOptions,
  SocketTransportOptions,
  BrokerServer,
  BrokerObserver,
  ServeBrokerOptions,
  KafkaTransportOptions,
  RabbitMqTransportOptions,
  AmqpMessage,
  TopicSpec,
  FromEnvOptions,
  TransportConfig,
  OutboxRelayOptions,
  OutboxLag,
  EventMetrics,
  PayloadValidator,
  EventLogger,
} from "./events/index.js";
export {
  computeModel,
  ModelFileError,
  ModelLookupError,
  parseModelFile,
  readModelFile,
} from "../model/computed/index.js";
export type { ComputedModel, ComputedService, ServiceNeeds } from "../model/computed/index.js";
export { IDENTITY_SECRET_ENV, OPTIONAL_RUNTIME_ENV, RUNTIME_ENV } from "../model/naming.js";
