import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { IDENTITY_HEADER } from "../../runtime/identity/token.js";

/** One request, sent over and over. */
export interface LoadRequest {
  readonly url: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Replace `[<id>]` in the body with a fresh id per request (values the service keeps unique). */
  readonly idReplacement: boolean;
  /** The `x-archkit-identity` header for one request's body: signed per request, straight to a service. */
  readonly sign?: (body: string | undefined) => string;
  /** Seconds before a request counts as timed out. */
  readonly timeoutS: number;
}

export interface LoadShape {
  /** Requests per second, fixed. */
  readonly rate: number;
  readonly durationMs: number;
  /** Connections in all; at least one per lane, at most one per request per second. */
  readonly connections: number;
  /** Keep the load on after the window for its last answers (default true; a warm-up needs none). */
  readonly grace?: boolean;
}

/** What one load run measured: only requests sent inside the window count. */
export interface LoadSample {
  readonly durationMs: number;
  readonly offered: number;
  /** Response times in ms, as measured. */
  readonly latencies: readonly number[];
  /** The same, plus the waits of the requests a slow answer held back (coordinated omission corrected). */
  readonly corrected: readonly number[];
  readonly statuses: ReadonlyMap<number, number>;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
}

/** Lanes spread the rate over the second: autocannon sends each connection's quota at the start of its second. */
const MAX_LANES = 10;
/** Load keeps running this long after a measured window, so the window's last requests get their answers under the same load. */
const GRACE_MS = 1_000;

/**
 * Sends `request` at a fixed rate for the duration with autocannon's programmatic API. The rate is
 * split over up to ten lanes started a tenth of a second apart (each an autocannon instance with
 * its share of the rate and connections), so requests leave in ten bursts a second rather than
 * one. Latencies are recorded per response; the corrected figures add, for each answer slower
 * than its connection's interval between requests, the waits of the requests it held back.
 *
 * @example
 * const sample = await drive({ url: "http://127.0.0.1:3000/products", method: "GET", headers: {}, idReplacement: false, timeoutS: 5 }, { rate: 50, durationMs: 10_000, connections: 10 });
 */
export async function drive(request: LoadRequest, shape: LoadShape): Promise<LoadSample> {
  const rate = Math.max(1, Math.round(shape.rate));
  const lanes = Math.min(MAX_LANES, rate);
  const rates = spread(rate, lanes);
  const connections = spread(Math.max(lanes, shape.connections), lanes);
  const recorder = new Recorder();
  const start = performance.now();
  await Promise.all(
    rates.map(async (laneRate, i) => {
      const offset = (i * 1000) / lanes;
      await delay(offset);
      const from = start + offset;
      const runMs = shape.durationMs + (shape.grace === false ? 0 : GRACE_MS);
      await lane(request, laneRate, Math.min(laneRate, connections[i] ?? 1), runMs, (event) =>
        recorder.add(event, from, from + shape.durationMs),
      );
    }),
  );
  return recorder.sample(shape.durationMs, (rate * shape.durationMs) / 1000);
}

/**
 * How autocannon builds each request: it replaces `[<id>]` itself, unless the request is signed,
 * when the ids are filled in here first so the signature covers the body that is sent.
 */
function perRequest(request: LoadRequest): Pick<autocannon.Options, "idReplacement" | "requests"> {
  const { sign } = request;
  if (!sign) return { idReplacement: request.idReplacement };
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const body =
      typeof req.body === "string" && request.idReplacement
        ? req.body.replaceAll("[<id>]", () => randomUUID())
        : (req.body as string | undefined);
    return { ...req, body, headers: { ...req.headers, [IDENTITY_HEADER]: sign(body) } };
  };
  return { idReplacement: false, requests: [{ setupRequest }] };
}

type LoadEvent =
  | { readonly kind: "response"; readonly status: number; readonly ms: number; readonly intervalMs: number }
  | { readonly kind: "error"; readonly timeout: boolean; readonly ms: number };

function lane(
  request: LoadRequest,
  rate: number,
  connections: number,
  runMs: number,
  emit: (event: LoadEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: request.method,
        headers: { ...request.headers },
        body: request.body,
        ...perRequest(request),
        connections,
        overallRate: rate,
        duration: runMs / 1000,
        sampleInt: 100,
        timeout: request.timeoutS,
        ignoreCoordinatedOmission: true,
      },
      (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
    );
    instance.on("response", (client, status, _bytes, ms) => {
      const clientRate = (client as unknown as { rate?: number }).rate ?? rate / connections;
      emit({ kind: "response", status, ms, intervalMs: 1000 / Math.max(1, clientRate) });
    });
    instance.on("reqError", (error: unknown) => {
      const timeout = error instanceof Error && /timed out/.test(error.message);
      emit({ kind: "error", timeout, ms: timeout ? request.timeoutS * 1000 : 0 });
    });
  });
}

class Recorder {
  private readonly latencies: number[] = [];
  private readonly corrected: number[] = [];
  private readonly statuses = new Map<number, number>();
  private errors = 0;
  private timeouts = 0;

  /** Counts an event whose request left inside the lane's window. */
  add(event: LoadEvent, from: number, to: number): void {
    const now = performance.now();
    const sentAt = now - event.ms;
    if (sentAt < from || sentAt >= to) return;
    if (event.kind === "error") {
      this.errors++;
      if (event.timeout) this.timeouts++;
      return;
    }
    this.statuses.set(event.status, (this.statuses.get(event.status) ?? 0) + 1);
    this.latencies.push(event.ms);
    this.corrected.push(event.ms);
    for (let missed = event.ms - event.intervalMs; missed > 0; missed -= event.intervalMs) this.corrected.push(missed);
  }

  sample(durationMs: number, offered: number): LoadSample {
    return {
      durationMs,
      offered,
      latencies: this.latencies,
      corrected: this.corrected,
      statuses: this.statuses,
      errors: this.errors,
      timeouts: this.timeouts,
    };
  }
}

/** `total` split into `parts` whole shares, the remainder going to the first ones. */
function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
