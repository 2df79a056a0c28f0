import type { ServiceNeeds } from "../../model/computed/index.js";
import { deadLetterTopic } from "../../model/naming.js";
import { groupTopology } from "./rabbitmq-topology.js";

/**
 * What one service's RabbitMQ user may do, as RabbitMQ's permission regexes: `configure`, `write`
 * and `read` on the vhost's exchanges and queues, and `topicWrite` / `topicRead` on the routing
 * keys of the system's topic exchange (`rabbitmqctl set_permissions` and `set_topic_permissions`,
 * or the topology operator's Permission and TopicPermission).
 */
export interface RabbitmqPermissions {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
  readonly topicWrite: string;
  readonly topicRead: string;
}

/**
 * The least a service's user needs: publish (topic write) exactly the topics its endpoints and
 * consumers publish, plus the dead-letter topics of what it consumes; declare and bind its own
 * consumer groups' exchanges and queues and the dead-letter queues of the topics it consumes; read
 * only its own queues. Anything else (another service's event, another group's queue) the broker
 * refuses with ACCESS_REFUSED.
 *
 * @example
 * rabbitmqPermissions(computed.service("orders").needs.broker!, "shop").topicWrite
 * // "^(orders\\.order-created|orders\\.order-failed|...)$"
 */
export function rabbitmqPermissions(
  broker: NonNullable<ServiceNeeds["broker"]>,
  exchange: string,
): RabbitmqPermissions {
  const groups = broker.consumes.map((c) => groupTopology(c.topic, c.group, 1).hashExchange);
  const deadLetterQueues = broker.consumes.map((c) => deadLetterTopic(c.topic));
  const ownGroups = groups.map((g) => `${escape(g)}(\\.[0-9]+(\\.lock)?|\\.replicas)?`);
  const declared = [escape(exchange), ...ownGroups, ...deadLetterQueues.map(escape)];
  return {
    configure: anyOf(declared),
    write: anyOf(declared),
    read: anyOf([escape(exchange), ...ownGroups]),
    topicWrite: anyOf(
      [...new Set([...broker.publishes, ...broker.consumes.map((c) => c.deadLetterTopic ?? "")])]
        .filter((t) => t !== "")
        .map(escape),
    ),
    topicRead: anyOf([...new Set(broker.consumes.flatMap((c) => [c.topic, deadLetterTopic(c.topic)]))].map(escape)),
  };
}

function anyOf(patterns: readonly string[]): string {
  return patterns.length === 0 ? "^$" : `^(${patterns.join("|")})$`;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
