import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { didYouMean, type External, type Model } from "../../model/index.js";
import { urlVariable } from "../../model/naming.js";
import { unreachable } from "../../runtime/service/unreachable.js";
import { simulatedKind, type SimulatedKind } from "./kinds.js";
import { emailService, genericService, smsService } from "./messages.js";
import { paymentGateway } from "./payment.js";
import { problemAnswer, type Behaviour, type SimulatedRequest, type SimulatedResponse } from "./protocol.js";

const BODY_LIMIT = 1024 * 1024;
const UNRECORDED_HEADERS = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding"]);
/** Where the records can be read over HTTP, e.g. by another process: `GET /_simulator/records/<externalId>`. */
export const RECORDS_PATH = "/_simulator/records/";

export interface SimulatorOptions {
  /** Every external of the model gets a base path `/<externalId>` on the one server. */
  readonly model: Model;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The behaviour per external id, where the guess from its protocol, name and description is wrong. */
  readonly kinds?: Readonly<Record<string, SimulatedKind>>;
}

/** One request an external received, and what it answered. */
export interface SimulatorRecord {
  /** Order of arrival across all externals, from 1. */
  readonly seq: number;
  readonly external: string;
  readonly kind: SimulatedKind;
  readonly method: string;
  /** Relative to the external's base URL, e.g. `/charges`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, or the raw text when the request was not JSON. */
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
  readonly receivedAt: string;
}

export interface RunningSimulator {
  /** The server's own URL. */
  readonly url: string;
  /** Base URL per external id. */
  readonly urls: Readonly<Record<string, string>>;
  /** `EXTERNAL_<NAME>_URL` for every external: merge it into a service's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The behaviour each external plays. */
  readonly kinds: Readonly<Record<string, SimulatedKind>>;
  /** What one external received so far, oldest first. */
  records(externalId: string): readonly SimulatorRecord[];
  close(): Promise<void>;
}

interface Simulated {
  readonly external: External;
  readonly kind: SimulatedKind;
  readonly behaviour: Behaviour;
  readonly records: SimulatorRecord[];
}

/**
 * Starts one HTTP server that plays every external of the model under its own base path: a
 * payment gateway approves charges (test tokens such as `tok_declined` fail) and refunds, email
 * and SMS services record what they were sent, anything else records and answers 202.
 *
 * @example
 * const simulator = await startSimulator({ model });
 * await startService({ model, service: "payments", handlers, env: { ...process.env, ...simulator.env } });
 * simulator.records("emailProvider").map((r) => r.body); // what the shop sent
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const simulated = new Map(
    options.model.externals.map((external) => [
      external.id as string,
      simulate(external, options.kinds?.[external.id]),
    ]),
  );
  let seq = 0;
  const server = createServer((req, res) => {
    void handle(req, res, simulated, () => ++seq).catch((error: unknown) =>
      send(res, problemAnswer(500, "simulator_error", String(error))),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const urls = Object.fromEntries([...simulated.keys()].map((id) => [id, `${url}/${id}`]));
  return {
    url,
    urls,
    env: Object.fromEntries(Object.entries(urls).map(([id, base]) => [urlVariable("external", id), base])),
    kinds: Object.fromEntries([...simulated].map(([id, s]) => [id, s.kind])),
    records: (id) => [...recordsOf(simulated, id)],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function simulate(external: External, override: SimulatedKind | undefined): Simulated {
  const kind = override ?? simulatedKind(external);
  return { external, kind, behaviour: behaviourOf(kind), records: [] };
}

function behaviourOf(kind: SimulatedKind): Behaviour {
  switch (kind) {
    case "payment":
      return paymentGateway();
    case "email":
      return emailService();
    case "sms":
      return smsService();
    case "generic":
      return genericService();
    default:
      return unreachable(kind);
  }
}

function recordsOf(simulated: ReadonlyMap<string, Simulated>, id: string): readonly SimulatorRecord[] {
  const found = simulated.get(id);
  if (found) return found.records;
  const known = [...simulated.keys()];
  throw new Error(
    `the simulator plays no external "${id}"${hint(id, known)}; externals: ${known.join(", ") || "none"}`,
  );
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  simulated: ReadonlyMap<string, Simulated>,
  next: () => number,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  if (req.method === "GET" && url.pathname.startsWith(RECORDS_PATH)) {
    const id = decodeURIComponent(url.pathname.slice(RECORDS_PATH.length));
    const found = simulated.get(id);
    send(
      res,
      found
        ? { status: 200, body: found.records }
        : problemAnswer(404, "unknown_external", `no external "${id}"${hint(id, [...simulated.keys()])}`),
    );
    return;
  }
  const [, id = "", ...rest] = url.pathname.split("/");
  const target = simulated.get(decodeURIComponent(id));
  if (!target) {
    send(
      res,
      problemAnswer(
        404,
        "unknown_external",
        `no external "${id}"; base paths: ${[...simulated.keys()].map((k) => `/${k}`).join(", ")}`,
      ),
    );
    return;
  }
  const body = await readBody(req);
  const request: SimulatedRequest = {
    method: req.method ?? "GET",
    path: `/${rest.join("/")}`,
    query: Object.fromEntries(url.searchParams),
    headers: headersOf(req),
    body: body.value,
  };
  const response =
    body.kind === "ok" ? target.behaviour(request) : problemAnswer(body.status, "invalid_body", body.detail);
  target.records.push({
    seq: next(),
    external: target.external.id,
    kind: target.kind,
    ...request,
    status: response.status,
    response: response.body,
    receivedAt: new Date().toISOString(),
  });
  send(res, response);
}

type Body =
  | { readonly kind: "ok"; readonly value: unknown }
  | { readonly kind: "invalid"; readonly value: unknown; readonly status: number; readonly detail: string };

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT)
      return { kind: "invalid", value: undefined, status: 413, detail: `the body is larger than ${BODY_LIMIT} bytes` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return { kind: "ok", value: undefined };
  if (!(req.headers["content-type"] ?? "").includes("json")) return { kind: "ok", value: text };
  try {
    return { kind: "ok", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid", value: text, status: 400, detail: "the body is not valid JSON" };
  }
}

function hint(id: string, known: readonly string[]): string {
  const suggestion = didYouMean(id, known);
  return suggestion === undefined ? "" : ` (${suggestion})`;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !UNRECORDED_HEADERS.has(name))
      out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function send(res: ServerResponse, response: SimulatedResponse): void {
  if (res.headersSent) return;
  const headers = { "content-type": "application/json", ...response.headers };
  res.writeHead(response.status, headers);
  res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
}
