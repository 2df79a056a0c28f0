import { connect, type Socket } from "node:net";
import type { EventEnvelope, EventTransport, TransportSubscription } from "../contracts.js";
import { parseBrokerUrl, readLines, writeLine, type ServerMessage } from "./socket-protocol.js";
import { TransportLifecycle } from "./transport-lifecycle.js";
import { unreachable } from "../../model/errors.js";

export interface SocketTransportOptions {
  /** `tcp://host:port` of a broker served by `serveBroker` (what `archkit dev` sets as `ARCHKIT_BROKER_URL`). */
  readonly url: string;
}

/**
 * A client of a `MemoryBroker` served to other processes by `serveBroker`: the embedded event
 * bus across the processes `archkit dev` starts. Same semantics as the memory transport.
 *
 * @example
 * const transport = new SocketTransport({ url: process.env.ARCHKIT_BROKER_URL! });
 * await transport.start();
 */
export class SocketTransport implements EventTransport {
  readonly kind = "socket";
  private readonly address: { readonly host: string; readonly port: number };
  private readonly subscriptions: TransportSubscription[] = [];
  private readonly sends = new Map<number, () => void>();
  private readonly inflight = new Set<Promise<void>>();
  private socket: Socket | undefined;
  private nextId = 0;
  private readonly lifecycle = new TransportLifecycle("socket");

  constructor(options: SocketTransportOptions) {
    this.address = parseBrokerUrl(options.url);
  }

  async start(): Promise<void> {
    if (!this.lifecycle.mayStart()) return;
    this.socket = await this.connect();
    this.lifecycle.markStarted();
    this.subscriptions.forEach((subscription, sub) => this.join(subscription, sub));
  }

  async send(envelopes: readonly EventEnvelope[]): Promise<void> {
    const socket = this.lifecycle.sendingOn(this.socket);
    const id = this.nextId++;
    await new Promise<void>((resolve, reject) => {
      const onClose = () =>
        reject(new Error(`the event broker at tcp://${this.address.host}:${this.address.port} closed the connection`));
      socket.once("close", onClose);
      this.sends.set(id, () => {
        socket.off("close", onClose);
        resolve();
      });
      writeLine(socket, { t: "send", id, envelopes });
    });
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    this.lifecycle.checkSubscription(subscription, (topic, group) =>
      this.subscriptions.some((s) => s.topic === topic && s.group === group),
    );
    this.subscriptions.push(subscription);
    if (this.lifecycle.started) this.join(subscription, this.subscriptions.length - 1);
  }

  async ready(): Promise<boolean> {
    return this.lifecycle.started && this.socket !== undefined && !this.socket.destroyed;
  }

  async stop(): Promise<void> {
    const was = this.lifecycle.stop();
    if (was === "stopped") return;
    if (was !== "started" || !this.socket) return;
    this.subscriptions.forEach((_, sub) => writeLine(this.socket as Socket, { t: "leave", sub }));
    await Promise.all([...this.inflight]);
    const socket = this.socket;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.end();
    });
  }

  private connect(): Promise<Socket> {
    const where = `tcp://${this.address.host}:${this.address.port}`;
    return new Promise((resolve, reject) => {
      const socket = connect(this.address);
      socket.once("error", (error) =>
        reject(
          new Error(
            `cannot reach the event broker at ${where} (ARCHKIT_BROKER_URL): ${error.message}; is \`archkit dev\` running?`,
          ),
        ),
      );
      socket.once("connect", () => {
        socket.setNoDelay(true);
        socket.on("error", () => socket.destroy());
        readLines<ServerMessage>(socket, (message) => this.receive(message));
        resolve(socket);
      });
    });
  }

  private join(subscription: TransportSubscription, sub: number): void {
    writeLine(this.socket as Socket, { t: "join", sub, topic: subscription.topic, group: subscription.group });
  }

  private receive(message: ServerMessage): void {
    switch (message.t) {
      case "sent":
        this.sends.get(message.id)?.();
        this.sends.delete(message.id);
        return;
      case "deliver":
        this.deliver(message.d, message.sub, message.envelope);
        return;
      default: {
        return unreachable(message);
      }
    }
  }

  private deliver(d: number, sub: number, envelope: EventEnvelope): void {
    const subscription = this.subscriptions[sub];
    const socket = this.socket as Socket;
    if (!subscription || !this.lifecycle.started) {
      writeLine(socket, { t: "done", d, ok: false });
      return;
    }
    const delivery = (async () => subscription.handler(envelope))().then(
      () => writeLine(socket, { t: "done", d, ok: true }),
      () => writeLine(socket, { t: "done", d, ok: false }),
    );
    this.inflight.add(delivery);
    void delivery.then(() => this.inflight.delete(delivery));
  }
}
