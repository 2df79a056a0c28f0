import type { EventEnvelope, EventTransport, TransportSubscription } from "../contracts.js";
import { defaultMemoryBroker, type MemoryBroker } from "./memory-broker.js";
import { TransportLifecycle } from "./transport-lifecycle.js";

export interface MemoryTransportOptions {
  /** The broker to connect to; the process-wide `defaultMemoryBroker()` when absent. */
  readonly broker?: MemoryBroker;
}

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
  private readonly lifecycle = new TransportLifecycle("memory");

  constructor(options: MemoryTransportOptions = {}) {
    this.broker = options.broker ?? defaultMemoryBroker();
  }

  async start(): Promise<void> {
    if (!this.lifecycle.mayStart()) return;
    this.lifecycle.markStarted();
    for (const subscription of this.subscriptions) this.join(subscription);
  }

  async send(envelopes: readonly EventEnvelope[]): Promise<void> {
    this.lifecycle.refuseStopped("send");
    this.broker.append(envelopes);
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    this.lifecycle.checkSubscription(subscription, (topic, group) =>
      this.subscriptions.some((s) => s.topic === topic && s.group === group),
    );
    this.subscriptions.push(subscription);
    if (this.lifecycle.started) this.join(subscription);
  }

  async ready(): Promise<boolean> {
    return this.lifecycle.started;
  }

  async stop(): Promise<void> {
    if (this.lifecycle.stop() === "stopped") return;
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
