import { pino, type Logger } from "pino";
import { withCorrelationId } from "../observability/correlation.js";
import type { Kysely } from "kysely";
import type { Consumer, Event } from "../../model/index.js";
import type { EventEnvelope, EventTransport, TransportHandler, Tx } from "../contracts.js";
import { deadLetterEnvelope, errorText } from "./envelope.js";
import type { EventLogger } from "./logger.js";
import type { EventMetrics } from "./metrics.js";
import { markProcessed } from "./processed.js";
import { backoffDelay, sleep, StoppingError } from "./retry.js";
import type { EventContext, EventHandler, Publish } from "./types.js";
import type { PayloadValidator } from "./validation.js";
import { unreachable } from "../../model/errors.js";

/** Everything one `consumes:` entry of a service needs at run time. */
export interface ConsumerRun {
  readonly service: string;
  readonly consumer: Consumer;
  readonly event: Event;
  readonly handler: EventHandler;
  readonly validator: PayloadValidator;
  readonly transport: EventTransport;
  readonly db?: Kysely<any>;
  readonly metrics: EventMetrics;
  readonly logger: EventLogger;
  /** Aborted when the bus stops: waits end and the delivery is left unacknowledged. */
  readonly signal: AbortSignal;
  readonly publish: Publish;
}

type Outcome =
  | { readonly kind: "done" }
  /** Every attempt threw. */
  | { readonly kind: "failed"; readonly error: unknown; readonly attempts: number }
  /** The payload does not match the schema: no attempt can succeed. */
  | { readonly kind: "invalid"; readonly error: string };

type Failure = Exclude<Outcome, { kind: "done" }>;

/**
 * The transport handler of a consumer: envelopes of other event types on the topic are
 * skipped (acknowledged); the payload is validated (an invalid one is dead-lettered at once); the handler runs
 * with up to `retries` retries, waiting `backoffMs`, then twice as long each time; then the
 * event goes to `<topic>.dlq` with the error in headers when `deadLetter` is set, or is left
 * unacknowledged (delivered again) when it is not. With a database, each attempt is one
 * transaction that also records (group, event id), so a redelivered event is skipped.
 */
export function consumerHandler(run: ConsumerRun): TransportHandler {
  return async (envelope) => {
    if (envelope.type !== run.event.id) return;
    if (run.signal.aborted) throw new StoppingError();
    const problems = run.validator.check(envelope.payload);
    if (problems.length > 0) {
      const error = `invalid ${run.event.id} payload received by ${run.service}.${run.consumer.handler} (schema ${run.validator.schema}): ${problems.join("; ")}`;
      run.metrics.failed(run.service, run.event.id);
      return giveUp(run, envelope, { kind: "invalid", error });
    }
    const outcome = await attempts(run, envelope);
    if (outcome.kind === "done") return;
    return giveUp(run, envelope, outcome);
  };
}

async function attempts(run: ConsumerRun, envelope: EventEnvelope): Promise<Outcome> {
  const total = run.consumer.retries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await attemptOnce(run, envelope, attempt);
      run.metrics.consumed(run.service, run.event.id);
      return { kind: "done" };
    } catch (error) {
      if (error instanceof StoppingError || run.signal.aborted) throw new StoppingError();
      run.metrics.failed(run.service, run.event.id);
      run.logger.warn(
        {
          event: run.event.id,
          eventId: envelope.id,
          handler: run.consumer.handler,
          attempt,
          of: total,
          err: errorText(error),
        },
        "event handler failed",
      );
      if (attempt >= total) return { kind: "failed", error, attempts: attempt };
      await sleep(backoffDelay(run.consumer.backoffMs, attempt), run.signal);
    }
  }
}

async function attemptOnce(run: ConsumerRun, envelope: EventEnvelope, attempt: number): Promise<void> {
  const db = run.db;
  const handle = (tx: Tx | undefined) =>
    withCorrelationId(envelope.correlationId, pinoOf(run.logger), () =>
      run.handler(envelope.payload, context(run, envelope, attempt, tx)),
    );
  if (!db) return handle(undefined);
  await db.transaction().execute(async (tx) => {
    if (!(await markProcessed(tx, run.consumer.group, envelope.id))) {
      run.logger.debug(
        { event: run.event.id, eventId: envelope.id, group: run.consumer.group },
        "event already processed; skipped",
      );
      return;
    }
    await handle(tx);
  });
}

function context(run: ConsumerRun, envelope: EventEnvelope, attempt: number, tx: Tx | undefined): EventContext {
  return {
    envelope,
    attempt,
    tx,
    correlationId: envelope.correlationId,
    publish: (event, payload, options = {}) =>
      run.publish(event, payload, {
        ...options,
        tx: options.tx ?? tx,
        correlationId: options.correlationId ?? envelope.correlationId,
      }),
  };
}

/** After the last attempt (or an invalid payload): dead-letter, or without a dead-letter topic drop an invalid event and give a failed one back to the transport. */
async function giveUp(run: ConsumerRun, envelope: EventEnvelope, failure: Failure): Promise<void> {
  const error = failure.kind === "invalid" ? failure.error : errorText(failure.error);
  const where = { event: run.event.id, eventId: envelope.id, handler: run.consumer.handler, err: error };
  if (run.consumer.deadLetter) {
    const attempts = failure.kind === "invalid" ? 0 : failure.attempts;
    await run.transport.send([
      deadLetterEnvelope(envelope, { topic: run.event.deadLetterTopic, error, attempts, group: run.consumer.group }),
    ]);
    run.metrics.deadLettered(run.service, run.event.id);
    run.logger.error({ ...where, topic: run.event.deadLetterTopic }, "event dead-lettered");
    return;
  }
  switch (failure.kind) {
    case "invalid":
      run.logger.error(where, "invalid event dropped (the consumer has no dead-letter topic)");
      return;
    case "failed":
      run.logger.error(
        where,
        "event handler failed on every attempt and the consumer has no dead-letter topic; it will be delivered again",
      );
      throw failure.error;
    default: {
      return unreachable(failure);
    }
  }
}

const DISABLED = pino({ enabled: false });

/** The consumer's logger when it is a pino logger (so handler logs carry the correlation id), else a silent one. */
function pinoOf(logger: EventLogger): Logger {
  return typeof (logger as Partial<Logger>).child === "function" ? (logger as Logger) : DISABLED;
}
