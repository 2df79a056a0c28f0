import { ArchkitError, unreachable } from "../model/errors.js";
import { RUNTIME_ENV } from "../model/naming.js";

/** The broker `archkit dev --broker <url>` runs the services on, instead of the embedded one. */
export type DevBroker =
  | { readonly kind: "rabbitmq"; readonly url: string }
  | { readonly kind: "kafka"; readonly brokers: string };

export class DevBrokerError extends ArchkitError {
  override name = "DevBrokerError";

  constructor(message: string) {
    super(message, { code: "dev-broker" });
  }
}

/**
 * `amqp://` and `amqps://` URLs pick RabbitMQ; `kafka://host:port,...` or a bare
 * `host:port,...` picks Kafka. Anything else is refused, naming the forms.
 */
export function parseDevBroker(value: string): DevBroker {
  const trimmed = value.trim();
  if (/^amqps?:\/\//i.test(trimmed)) return { kind: "rabbitmq", url: trimmed };
  const brokers = trimmed.replace(/^kafka:\/\//i, "");
  if (/^[^\s/:,]+:\d+(,[^\s/:,]+:\d+)*$/.test(brokers)) return { kind: "kafka", brokers };
  throw new DevBrokerError(
    `--broker "${value}" is not a broker address; use amqp://user:pass@host:5672/vhost (RabbitMQ) or kafka://host:9092 (Kafka)`,
  );
}

/** The variables a service gets for the broker: the one it names, the other broker settings unset. */
export function devBrokerEnv(broker: DevBroker): Readonly<Record<string, string | undefined>> {
  const unset = {
    [RUNTIME_ENV.devBrokerUrl]: undefined,
    [RUNTIME_ENV.amqpUrl]: undefined,
    [RUNTIME_ENV.kafkaBrokers]: undefined,
  };
  switch (broker.kind) {
    case "rabbitmq":
      return { ...unset, [RUNTIME_ENV.amqpUrl]: broker.url };
    case "kafka":
      return { ...unset, [RUNTIME_ENV.kafkaBrokers]: broker.brokers };
    default:
      return unreachable(broker);
  }
}
