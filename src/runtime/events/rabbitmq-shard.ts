import type { Channel, ConsumeMessage } from "amqplib";
import type { TransportHandler } from "../contracts.js";
import { errorText } from "./envelope.js";
import type { EventLogger } from "./logger.js";
import { fromAmqpMessage } from "./rabbitmq-codec.js";

export interface ShardOptions {
  readonly channel: Channel;
  readonly queue: string;
  readonly handler: TransportHandler;
  readonly prefetch: number;
  /** Wait before handing a message whose handler threw to the handler again. */
  readonly redeliveryDelayMs: number;
  readonly logger: EventLogger;
  /** Receives every handler run so the transport can wait for them when stopping. */
  readonly track: (run: Promise<unknown>) => void;
  /** The channel closed without `release()` (connection lost, queue deleted). */
  readonly onLost: () => void;
}

/**
 * The consumer of one shard queue on its own channel: deliveries are handled one at a time in
 * order and acknowledged after the handler resolved; a handler that throws gets the same
 * message again after `redeliveryDelayMs`, before any later one (so order per key holds). When
 * the channel goes, the unacknowledged messages return to the queue, and RabbitMQ gives them
 * to the next owner first.
 */
export class ShardConsumer {
  private readonly pending: ConsumeMessage[] = [];
  private readonly abort = new AbortController();
  private current: Promise<void> | undefined;
  private released = false;

  constructor(private readonly options: ShardOptions) {
    options.channel.on("close", () => {
      if (this.abort.signal.aborted) return;
      this.abort.abort();
      if (!this.released) options.onLost();
    });
  }

  async start(): Promise<void> {
    await this.options.channel.prefetch(this.options.prefetch);
    await this.options.channel.consume(this.options.queue, (message) => {
      if (message === null) {
        void this.options.channel.close().catch(() => undefined);
        return;
      }
      this.pending.push(message);
      this.pump();
    });
  }

  /** Finishes the message in hand (without retrying it), then closes the channel: the rest go back to the queue. */
  async release(): Promise<void> {
    this.released = true;
    this.pending.length = 0;
    const current = this.current;
    this.abort.abort();
    await current;
    await this.options.channel.close().catch(() => undefined);
  }

  private pump(): void {
    if (this.current || this.abort.signal.aborted) return;
    const message = this.pending.shift();
    if (!message) return;
    const run = this.handle(message).finally(() => {
      this.current = undefined;
      this.pump();
    });
    this.current = run;
    this.options.track(run);
  }

  private async handle(message: ConsumeMessage): Promise<void> {
    const envelope = fromAmqpMessage(message);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handler(envelope);
        this.ack(message);
        return;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.options.logger.debug(
          { queue: this.options.queue, eventId: envelope.id, attempt, err: errorText(error) },
          "rabbitmq: handler threw; delivering the message again",
        );
        await wait(this.options.redeliveryDelayMs, this.abort.signal);
        if (this.abort.signal.aborted) return;
      }
    }
  }

  private ack(message: ConsumeMessage): void {
    try {
      this.options.channel.ack(message);
    } catch {
      // The channel is gone: RabbitMQ delivers the message again, and the processed-message table skips it.
    }
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
