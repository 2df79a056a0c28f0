import type { EventEnvelope, EventTransport, TransportSubscription } from "../contracts.js";
import { defaultMemoryBroker, type MemoryBroker } from "./memory-broker.js";
import { TransportStateError } from "./transport-errors.js";

export interface MemoryTransportOptions {
  /** The broker to connect to; the process-wide `defaultMemoryBroker()` when absent. */
  readonly broker?: MemoryBroker;
}

type State = "new" | "started" | "stopped";

/**
 * The embedded transport: one client of an in-process `MemoryBroker` (like one Kafka client of
 * a cluster). Subscriptions join their group when the transport starts; `stop` leaves the
 * groups and waits for the deliveries in progress. A stopped transport cannot be started again.
 *
 * @example
 * const broker = new MemoryBroker();
 * const transport = new MemoryTransport({ broker });
 * await transport.subscribe({ topic: "orders.order-created", group: "shop.notifications", handler: async (e) => console.log(e.payload) });
 * await transport.start();
 */
export class MemoryTransport implements EventTransport {
  readonly kind = "memory";
  readonly broker: MemoryBroker;
  private readonly subscriptions: TransportSubscription[] = [];
  private readonly leaves: (() => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private state: State = "new";

  constructor(options: MemoryTransportOptions = {}) {
    this.broker = options.broker ?? defaultMemoryBroker();
  }

  async start(): Promise<void> {
    if (this.state === "started") return;
    if (this.state === "stopped")
      throw new TransportStateError("memory", "start", "it was stopped; create a new transport");
    this.state = "started";
    for (const subscription of this.subscriptions) this.join(subscription);
  }

  async send(envelopes: readonly EventEnvelope[]): Promise<void> {
    if (this.state === "stopped") throw new TransportStateError("memory", "send", "it was stopped");
    this.broker.append(envelopes);
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    if (this.state === "stopped") throw new TransportStateError("memory", "subscribe", "it was stopped");
    if (this.subscriptions.some((s) => s.topic === subscription.topic && s.group === subscription.group)) {
      throw new TransportStateError(
        "memory",
        "subscribe",
        `topic ${subscription.topic} is already subscribed for group ${subscription.group} on this transport`,
      );
    }
    this.subscriptions.push(subscription);
    if (this.state === "started") this.join(subscription);
  }

  async ready(): Promise<boolean> {
    return this.state === "started";
  }

  async stop(): Promise<void> {
    if (this.state === "stopped") return;
    this.state = "stopped";
    for (const leave of this.leaves.splice(0)) leave();
    await Promise.all([...this.inflight]);
  }

  private join(subscription: TransportSubscription): void {
    const track = (delivery: Promise<unknown>): void => {
      const settled = delivery.then(
        () => undefined,
        () => undefined,
      );
      this.inflight.add(settled);
      void settled.then(() => this.inflight.delete(settled));
    };
    this.leaves.push(
      this.broker.join(subscription.topic, subscription.group, { handler: subscription.handler, track }),
    );
  }
}
