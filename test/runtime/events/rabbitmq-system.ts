import { sql } from "kysely";
import type { DatabaseHandle, EventEnvelope } from "../../../src/runtime/contracts.js";
import {
  OUTBOX_TABLE,
  openDatabase,
  PROCESSED_TABLE,
  planMigrations,
  runMigrations,
} from "../../../src/runtime/db/index.js";
import {
  createEventBus,
  modelTopics,
  RabbitMqTransport,
  type EventBus,
  type EventHandler,
  type EventLogger,
} from "../../../src/runtime/events/index.js";
import { createTestDatabase, postgresServer, type TestDatabase } from "../servers.js";
import { busModel, order } from "./fixture.js";

/**
 * The bus demo on RabbitMQ and a real database: orders publishes OrderPlaced through the
 * outbox, billing consumes it with as many replicas as asked (each its own connection), and
 * every handler run is counted per event id. PostgreSQL when it is reachable (a database of
 * its own, dropped afterwards), PGlite otherwise.
 */
export class RabbitSystem {
  readonly model = busModel();
  /** Handler runs per event id, over all billing replicas. */
  readonly runs = new Map<string, number>();
  /** Handler runs per replica. */
  readonly perReplica: number[] = [];
  /** How often each log message was written by the buses and transports. */
  readonly logged = new Map<string, number>();
  private readonly logger: EventLogger = {
    debug: (_, message) => this.log(message),
    info: (_, message) => this.log(message),
    warn: (_, message) => this.log(message),
    error: (_, message) => this.log(message),
  };
  private readonly buses: EventBus[] = [];
  private database: TestDatabase | undefined;
  handle!: DatabaseHandle;

  constructor(private readonly amqpUrl: string) {}

  async open(): Promise<void> {
    const server = await postgresServer();
    this.database = server.ok ? await createTestDatabase(server.url) : undefined;
    this.handle = await openDatabase(this.database?.url ?? "pglite://memory");
    await runMigrations(this.handle.db, planMigrations(this.model));
  }

  transport(name: string): RabbitMqTransport {
    return new RabbitMqTransport({
      url: this.amqpUrl,
      clientId: `busdemo-${name}`,
      exchange: "busdemo",
      topics: modelTopics(this.model),
      rebalanceMs: 200,
      redeliveryDelayMs: 20,
      reconnect: { minMs: 50, maxMs: 1_000 },
      logger: this.logger,
    });
  }

  async orders(): Promise<EventBus> {
    const bus = createEventBus({
      model: this.model,
      service: "orders",
      transport: this.transport("orders"),
      db: this.handle.db,
      relay: { pollMs: 20, batchSize: 100 },
      logger: this.logger,
    });
    await this.started(bus);
    return bus;
  }

  /** A billing replica; `bill` runs in the processed-mark transaction and records an invoice in it. */
  async billing(bill: EventHandler = async () => undefined): Promise<EventBus> {
    const replica = this.perReplica.push(0) - 1;
    const bus = createEventBus({
      model: this.model,
      service: "billing",
      transport: this.transport(`billing-${replica}`),
      db: this.handle.db,
      relay: { enabled: false },
      logger: this.logger,
      handlers: {
        bill: async (payload: { orderId: string; total: number }, ctx) => {
          this.runs.set(ctx.envelope.id, (this.runs.get(ctx.envelope.id) ?? 0) + 1);
          this.perReplica[replica]!++;
          await bill(payload, ctx);
          await ctx.tx!.insertInto("invoices").values({ orderId: payload.orderId, amount: payload.total }).execute();
        },
      },
    });
    await this.started(bus);
    return bus;
  }

  /** Places `count` orders, `perTx` per transaction, each through the outbox. */
  async placeOrders(orders: EventBus, count: number, perTx = 10): Promise<EventEnvelope[]> {
    const sent: EventEnvelope[] = [];
    for (let i = 0; i < count; i += perTx) {
      await this.handle.db.transaction().execute(async (tx) => {
        for (let j = i; j < Math.min(count, i + perTx); j++) {
          const payload = order(j);
          await tx.insertInto("orders").values({ id: payload.orderId, total: j }).execute();
          sent.push(await orders.publish("OrderPlaced", payload, { tx }));
        }
      });
    }
    return sent;
  }

  /** Rows in the invoices table, the outbox or the processed-message table. */
  async count(what: "invoices" | "outbox" | "processed"): Promise<number> {
    const table = what === "outbox" ? OUTBOX_TABLE : what === "processed" ? PROCESSED_TABLE : what;
    const result = await sql<{ n: number }>`select count(*)::integer as n from ${sql.table(table)}`.execute(
      this.handle.db,
    );
    return result.rows[0]!.n;
  }

  /** Event ids whose handler ran more than once. */
  twice(): string[] {
    return [...this.runs].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async close(): Promise<void> {
    await Promise.all(this.buses.splice(0).map((b) => b.stop()));
    await this.handle?.close();
    await this.database?.drop();
  }

  private log(message: string): void {
    this.logged.set(message, (this.logged.get(message) ?? 0) + 1);
  }

  private async started(bus: EventBus): Promise<void> {
    this.buses.push(bus);
    await bus.start();
  }
}
