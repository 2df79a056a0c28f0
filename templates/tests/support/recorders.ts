import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Model, Service } from "archkit/model";
import { HEADERS, MemoryTransport, type EventEnvelope, type HandlerResponse, type MemoryBroker } from "archkit/runtime";

/** What a handler returned for one request (before the service checked it against the spec), or what it threw. */
export type RecordedAnswer =
  | { readonly kind: "answered"; readonly endpoint: string; readonly answer: HandlerResponse }
  | { readonly kind: "threw"; readonly endpoint: string; readonly error: string };

type Waiter = () => void;

/**
 * Wraps the handlers of the services under test: each endpoint's answer is kept by correlation id
 * (the test sends its own `x-request-id`), each consumer's outcome by event id.
 */
export class HandlerRecorder {
  private readonly answers = new Map<string, RecordedAnswer>();
  private readonly accepted = new Set<string>();
  private readonly failures = new Map<string, string[]>();
  private readonly waiters = new Map<string, Waiter[]>();

  /** A view of `handlers` whose endpoint and consumer members report here. */
  wrap<H extends object>(service: Service, handlers: H): H {
    const endpoints = new Map(service.endpoints.map((e) => [e.name, e.id as string]));
    const consumers = new Set(service.consumers.map((c) => c.handler));
    return new Proxy(handlers, {
      get: (target, key, receiver) => {
        const member: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== "string" || typeof member !== "function") return member;
        const endpoint = endpoints.get(key);
        if (endpoint !== undefined) return this.endpoint(endpoint, member.bind(target) as EndpointFn);
        if (consumers.has(key)) return this.consumer(key, member.bind(target) as ConsumerFn);
        return member;
      },
    });
  }

  /** The answer of an endpoint's handler to the request with this correlation id (a request and the calls it makes share one). */
  answerTo(endpoint: string, correlationId: string): RecordedAnswer | undefined {
    return this.answers.get(`${endpoint} ${correlationId}`);
  }

  /** Resolves true once `handler` has taken the event without throwing, false after `timeoutMs` (or when `cancelled` says so first). */
  async accepts(handler: string, eventId: string, timeoutMs: number): Promise<boolean> {
    const key = `${handler}:${eventId}`;
    if (this.accepted.has(key)) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const list = this.waiters.get(key) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.waiters.set(key, list);
    });
  }

  /** Whether `handler` was called with the event at all (it took it or threw). */
  ran(handler: string, eventId: string): boolean {
    const key = `${handler}:${eventId}`;
    return this.accepted.has(key) || this.failures.has(key);
  }

  /** What `handler` threw for the event, attempt by attempt. */
  failuresOf(handler: string, eventId: string): readonly string[] {
    return this.failures.get(`${handler}:${eventId}`) ?? [];
  }

  private endpoint(id: string, handler: EndpointFn): EndpointFn {
    return async (req) => {
      try {
        const answer = await handler(req);
        this.answers.set(`${id} ${req.ctx.correlationId}`, { kind: "answered", endpoint: id, answer });
        return answer;
      } catch (error) {
        this.answers.set(`${id} ${req.ctx.correlationId}`, { kind: "threw", endpoint: id, error: errorText(error) });
        throw error;
      }
    };
  }

  private consumer(name: string, handler: ConsumerFn): ConsumerFn {
    return async (payload, context) => {
      const key = `${name}:${context.envelope.id}`;
      try {
        await handler(payload, context);
      } catch (error) {
        this.failures.set(key, [...(this.failures.get(key) ?? []), errorText(error)]);
        throw error;
      }
      this.accepted.add(key);
      for (const waiter of this.waiters.get(key) ?? []) waiter();
      this.waiters.delete(key);
    };
  }
}

type EndpointFn = (req: { readonly ctx: { readonly correlationId: string } }) => Promise<HandlerResponse>;
type ConsumerFn = (payload: unknown, context: { readonly envelope: EventEnvelope }) => Promise<void>;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** One request a service sent to another, and the answer, as the proxy between them saw it. */
export interface CallExchange {
  /** The calling service, from the runtime client's user agent. */
  readonly caller?: string;
  /** The `x-request-id` the caller sent: the request it was handling. */
  readonly correlationId?: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly status: number;
  readonly answer?: unknown;
}

/** A recording proxy in front of one provider: callers get its URL instead of the provider's. */
export class CallProxy {
  readonly exchanges: CallExchange[] = [];
  upstream = "";
  private readonly server: Server = createServer((req, res) => {
    this.forward(req).then(
      ({ status, headers, text }) => {
        res.writeHead(status, headers);
        res.end(text);
      },
      (error: unknown) => {
        res.writeHead(502, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ title: "Bad Gateway", status: 502, detail: `contract test proxy: ${errorText(error)}` }));
      },
    );
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers[name] = value;
    const response = await fetch(`${this.upstream}${req.url ?? "/"}`, { method: req.method, headers, body: raw === "" ? undefined : raw });
    const text = await response.text();
    const url = new URL(req.url ?? "/", "http://proxy");
    this.exchanges.push({
      caller: /\(([^)]+)\)/.exec(req.headers["user-agent"] ?? "")?.[1],
      correlationId: typeof req.headers["x-request-id"] === "string" ? req.headers["x-request-id"] : undefined,
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseJson(raw),
      status: response.status,
      answer: parseJson(text),
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== "content-encoding") out[name] = value;
    });
    return { status: response.status, headers: out, text };
  }
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length", "upgrade"]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Every event on the shared in-process broker, and every dead letter, as a consumer group of its own. */
export class EventRecorder {
  readonly envelopes: EventEnvelope[] = [];
  private readonly transport: MemoryTransport;

  constructor(
    private readonly model: Model,
    broker: MemoryBroker,
  ) {
    this.transport = new MemoryTransport({ broker });
  }

  async start(): Promise<void> {
    const topics = new Set(this.model.events.flatMap((e) => [e.topic, e.deadLetterTopic]));
    for (const topic of topics) {
      await this.transport.subscribe({ topic, group: "archkit-contract-tests", handler: async (envelope) => void this.envelopes.push(envelope) });
    }
    await this.transport.start();
  }

  send(envelope: EventEnvelope): Promise<void> {
    return this.transport.send([envelope]);
  }

  /** The dead letter of an event for a consumer group, if one arrived. */
  deadLetter(eventId: string, group: string): EventEnvelope | undefined {
    return this.envelopes.find((e) => e.id === eventId && e.headers[HEADERS.consumerGroup] === group);
  }

  stop(): Promise<void> {
    return this.transport.stop();
  }
}
