import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { EventEnvelope } from "../contracts.js";
import { MemoryBroker } from "./memory-broker.js";
import { readLines, writeLine, type ClientMessage } from "./socket-protocol.js";
import { unreachable } from "../../model/errors.js";

export interface BrokerServer {
  /** `tcp://127.0.0.1:<port>`, the value for `ARCHKIT_BROKER_URL`. */
  readonly url: string;
  readonly broker: MemoryBroker;
  close(): Promise<void>;
}

/** Sees every event the served broker takes in and every delivery's outcome (e.g. `archkit dev`'s event log). */
export interface BrokerObserver {
  published(envelope: EventEnvelope): void;
  delivered(group: string, envelope: EventEnvelope, ok: boolean): void;
}

export interface ServeBrokerOptions {
  readonly broker?: MemoryBroker;
  readonly observer?: BrokerObserver;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

interface Connection {
  readonly socket: Socket;
  readonly leaves: Map<number, () => void>;
  readonly pending: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
  nextDelivery: number;
}

/**
 * Serves a `MemoryBroker` to other processes on one machine, so services started as separate
 * processes (as `archkit dev` does) share the embedded event bus. Each process connects with
 * `SocketTransport` (`ARCHKIT_BROKER_URL`); the broker's semantics are unchanged: a delivery is
 * committed when the remote handler succeeds, delivered again when it fails or the process goes away.
 *
 * @example
 * const server = await serveBroker();
 * spawn("node", ["orders.js"], { env: { ...process.env, ARCHKIT_BROKER_URL: server.url } });
 */
export async function serveBroker(options: ServeBrokerOptions = {}): Promise<BrokerServer> {
  const broker = options.broker ?? new MemoryBroker();
  const connections = new Set<Connection>();
  const server: Server = createServer((socket) => {
    const connection: Connection = { socket, leaves: new Map(), pending: new Map(), nextDelivery: 0 };
    connections.add(connection);
    socket.setNoDelay(true);
    readLines<ClientMessage>(socket, (message) => handle(broker, connection, message, options.observer));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      connections.delete(connection);
      drop(connection);
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `tcp://${host}:${port}`,
    broker,
    close: async () => {
      for (const connection of connections) connection.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function handle(
  broker: MemoryBroker,
  connection: Connection,
  message: ClientMessage,
  observer: BrokerObserver | undefined,
): void {
  switch (message.t) {
    case "send":
      for (const envelope of message.envelopes) observer?.published(envelope);
      broker.append(message.envelopes);
      writeLine(connection.socket, { t: "sent", id: message.id });
      return;
    case "join":
      connection.leaves.set(
        message.sub,
        broker.join(message.topic, message.group, {
          handler: (envelope) =>
            observed(remoteDelivery(connection, message.sub, envelope), message.group, envelope, observer),
          track: () => undefined,
        }),
      );
      return;
    case "leave":
      connection.leaves.get(message.sub)?.();
      connection.leaves.delete(message.sub);
      return;
    case "done": {
      const pending = connection.pending.get(message.d);
      connection.pending.delete(message.d);
      if (message.ok) pending?.resolve();
      else pending?.reject(new Error("the consumer did not process the event"));
      return;
    }
    default: {
      return unreachable(message);
    }
  }
}

function remoteDelivery(connection: Connection, sub: number, envelope: EventEnvelope): Promise<void> {
  if (connection.socket.destroyed) return Promise.reject(new Error("the consumer's process is gone"));
  const d = connection.nextDelivery++;
  return new Promise<void>((resolve, reject) => {
    connection.pending.set(d, { resolve, reject });
    writeLine(connection.socket, { t: "deliver", d, sub, envelope });
  });
}

function observed(
  delivery: Promise<void>,
  group: string,
  envelope: EventEnvelope,
  observer: BrokerObserver | undefined,
): Promise<void> {
  if (!observer) return delivery;
  return delivery.then(
    () => observer.delivered(group, envelope, true),
    (error: unknown) => {
      observer.delivered(group, envelope, false);
      throw error;
    },
  );
}

function drop(connection: Connection): void {
  for (const leave of connection.leaves.values()) leave();
  connection.leaves.clear();
  for (const pending of connection.pending.values()) pending.reject(new Error("the consumer's process disconnected"));
  connection.pending.clear();
}
