import type { Kysely } from "kysely";
import type { EventEnvelope, EventTransport } from "../contracts.js";
import { errorText } from "./envelope.js";
import { silentLogger, type EventLogger } from "./logger.js";
import { claimOutbox, deleteOutbox, outboxEnvelope, readOutboxLag, type OutboxLag } from "./outbox-store.js";

export interface OutboxRelayOptions {
  readonly db: Kysely<any>;
  readonly transport: EventTransport;
  /** Idle poll interval (default 250ms). */
  readonly pollMs?: number;
  /** Rows claimed per transaction (default 100). */
  readonly batchSize?: number;
  readonly logger?: EventLogger;
  /** Called with the envelopes of each committed batch. */
  readonly onSent?: (envelopes: readonly EventEnvelope[]) => void;
}

/** Longest wait after repeated failures (database or transport down). */
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows to the transport. Each batch is one transaction: claim the oldest
 * rows with `FOR UPDATE SKIP LOCKED` (several relays share the work without sending a row
 * twice), send them, delete them, commit. A crash before the commit leaves the rows for the next
 * run (at-least-once; consumers are idempotent). Runs on start, every `pollMs`, right away while
 * full batches keep coming, and soon after `nudge()` (a local publish): the publishing
 * transaction commits after the nudge, so the relay looks again at growing intervals up to `pollMs`.
 *
 * @example
 * const relay = new OutboxRelay({ db: handle.db, transport });
 * relay.start();
 * // ... publish inside transactions ...
 * await relay.stop();
 */
export class OutboxRelay {
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly logger: EventLogger;
  private state: "new" | "started" | "stopped" = "new";
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private lastNudge = 0;
  private quickDelay = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    if (this.state !== "new") return;
    this.state = "started";
    this.schedule(0);
  }

  /** A row was just written (its transaction may not have committed yet): look soon. */
  nudge(): void {
    this.lastNudge = Date.now();
    this.quickDelay = 0;
    if (this.running) this.again = true;
    else this.schedule(1);
  }

  /** Stops polling; resolves once the batch in progress has committed or rolled back. */
  async stop(): Promise<void> {
    this.state = "stopped";
    clearTimeout(this.timer);
    await this.running;
  }

  lag(): Promise<OutboxLag> {
    return readOutboxLag(this.options.db);
  }

  /** Claims, sends and deletes one batch; the number of events sent. */
  async relayOnce(): Promise<number> {
    const sent = await this.options.db.transaction().execute(async (tx) => {
      const rows = await claimOutbox(tx, this.batchSize);
      if (rows.length === 0) return [];
      const envelopes = rows.map(outboxEnvelope);
      await this.options.transport.send(envelopes);
      await deleteOutbox(tx, rows);
      return envelopes;
    });
    if (sent.length > 0) this.options.onSent?.(sent);
    return sent.length;
  }

  private schedule(delayMs: number): void {
    if (this.state !== "started") return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    let sent = 0;
    do {
      this.again = false;
      sent = await this.relayOnce().then(
        (count) => {
          this.failures = 0;
          return count;
        },
        (error: unknown) => {
          this.failures++;
          this.logger.warn({ err: errorText(error), failures: this.failures }, "outbox relay failed; retrying");
          return -1;
        },
      );
    } while (this.state === "started" && sent >= 0 && (this.again || sent === this.batchSize));
    this.schedule(this.nextDelay(sent));
  }

  private nextDelay(sent: number): number {
    if (sent < 0) return Math.min(MAX_BACKOFF_MS, this.pollMs * 2 ** Math.min(this.failures, 6));
    if (sent > 0 || Date.now() - this.lastNudge > this.pollMs) return this.pollMs;
    this.quickDelay = Math.min(this.pollMs, Math.max(2, this.quickDelay * 2));
    return this.quickDelay;
  }
}
