import type { Channel, ChannelModel, ConfirmChannel } from "amqplib";
import { lazyPackage } from "../lazy.js";
import { errorText } from "./envelope.js";
import type { EventLogger } from "./logger.js";

const amqplib = lazyPackage<typeof import("amqplib")>("amqplib");

/** One live connection with its publishing (confirm) channel and its control channel. */
export interface AmqpSession {
  readonly connection: ChannelModel;
  readonly publisher: ConfirmChannel;
  /** Declarations, helper-queue counts and replica-count consumers. */
  readonly control: Channel;
}

export interface AmqpLinkOptions {
  readonly url: string;
  readonly clientId: string;
  readonly logger: EventLogger;
  /** Runs on every new session before it is handed out; a failure drops the session and retries. */
  readonly onUp: (session: AmqpSession) => Promise<void>;
  /** The session is gone (connection or one of its channels closed). */
  readonly onDown: () => void;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * A connection to RabbitMQ that comes back: when the connection or its publishing or control
 * channel closes, it reconnects with exponential backoff (with jitter) until `close()`.
 */
export class AmqpLink {
  private session: AmqpSession | undefined;
  private waiters: (() => void)[] = [];
  private closed = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AmqpLinkOptions) {}

  /** The first connection; rejects when the broker cannot be reached (no retry). */
  async open(): Promise<void> {
    await this.connect();
  }

  current(): AmqpSession | undefined {
    return this.session;
  }

  /** The live session, waiting up to `timeoutMs` for a reconnect. */
  async whenUp(timeoutMs: number): Promise<AmqpSession> {
    const deadline = Date.now() + timeoutMs;
    while (!this.session) {
      if (this.closed) throw new Error("the RabbitMQ connection was closed");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no connection to RabbitMQ for ${timeoutMs}ms; still reconnecting`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.session;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const session = this.session;
    this.session = undefined;
    this.wake();
    await session?.connection.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const connection = await amqplib().connect(withHeartbeat(this.options.url), {
      clientProperties: { connection_name: this.options.clientId },
    });
    try {
      const publisher = await connection.createConfirmChannel();
      const control = await connection.createChannel();
      const session = { connection, publisher, control };
      let down = false;
      const lost = (error?: unknown): void => {
        if (down) return;
        down = true;
        this.lost(session, error);
      };
      connection.on("error", (error: Error) => lost(error));
      connection.on("close", (error?: Error) => lost(error));
      for (const channel of [publisher, control]) {
        channel.on("error", (error: Error) => lost(error));
        channel.on("close", () => lost());
      }
      await this.options.onUp(session);
      if (down || this.closed) throw new Error("the connection closed while it was being set up");
      this.session = session;
      this.failures = 0;
      this.wake();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  private lost(session: AmqpSession, error: unknown): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.options.onDown();
    void session.connection.close().catch(() => undefined);
    if (this.closed) return;
    this.options.logger.warn({ err: error === undefined ? "closed" : errorText(error) }, "rabbitmq: connection lost");
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    const min = this.options.minBackoffMs ?? 100;
    const max = this.options.maxBackoffMs ?? 5_000;
    const base = Math.min(max, min * 2 ** Math.min(this.failures, 16));
    const delay = Math.round(base * (0.8 + Math.random() * 0.2));
    this.failures++;
    this.timer = setTimeout(() => {
      this.connect().then(
        () => this.options.logger.info({ attempts: this.failures }, "rabbitmq: reconnected"),
        (error: unknown) => {
          this.options.logger.warn({ err: errorText(error), delayMs: delay }, "rabbitmq: reconnect failed; retrying");
          this.schedule();
        },
      );
    }, delay);
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** A 10 s heartbeat unless the URL asks for another, so a dead broker or network is noticed. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("heartbeat")) parsed.searchParams.set("heartbeat", "10");
  return parsed.toString();
}

/** The URL as given, with its password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
