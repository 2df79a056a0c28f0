import type { TransportSubscription } from "../contracts.js";
import { TransportStateError } from "./transport-errors.js";

export type TransportKind = ConstructorParameters<typeof TransportStateError>[0];
export type TransportState = "new" | "started" | "stopped";

/**
 * Where a transport is in its life (new, started, stopped: a stopped transport stays stopped),
 * and the checks each operation makes in that state, with the same errors for every transport.
 */
export class TransportLifecycle {
  private current: TransportState = "new";

  constructor(private readonly kind: TransportKind) {}

  get state(): TransportState {
    return this.current;
  }

  get started(): boolean {
    return this.current === "started";
  }

  /** Whether `start` has work to do: not once started; a stopped transport cannot start again. */
  mayStart(): boolean {
    if (this.current === "started") return false;
    if (this.current === "stopped")
      throw new TransportStateError(this.kind, "start", "it was stopped; create a new transport");
    return true;
  }

  markStarted(): void {
    this.current = "started";
  }

  /** The connection to send on; an error unless the transport is started and has one. */
  sendingOn<T>(connection: T | undefined): T {
    if (this.current !== "started" || connection === undefined)
      throw new TransportStateError(this.kind, "send", this.current === "new" ? "it is not started" : "it was stopped");
    return connection;
  }

  /** An error when the transport was stopped. */
  refuseStopped(operation: string): void {
    if (this.current === "stopped") throw new TransportStateError(this.kind, operation, "it was stopped");
  }

  /** An error when the transport was stopped, or when it has the subscription's topic and group already (`taken`). */
  checkSubscription(subscription: TransportSubscription, taken: (topic: string, group: string) => boolean): void {
    this.refuseStopped("subscribe");
    if (taken(subscription.topic, subscription.group)) {
      throw new TransportStateError(
        this.kind,
        "subscribe",
        `topic ${subscription.topic} is already subscribed for group ${subscription.group} on this transport`,
      );
    }
  }

  /** Marks the transport stopped; returns the state it was in. */
  stop(): TransportState {
    const was = this.current;
    this.current = "stopped";
    return was;
  }
}
