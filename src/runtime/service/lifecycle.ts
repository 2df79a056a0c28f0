import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Express } from "express";
import type { Logger } from "pino";
import { adminPort, RUNTIME_ENV } from "../../model/naming.js";
import { answerClientError } from "./client-error.js";
import type { ShutdownOptions } from "./types.js";

/** Where a server is in its life; `/readyz` answers 200 only in `ready`. */
export type LifecycleState =
  | { readonly kind: "starting" }
  | { readonly kind: "ready"; readonly port: number }
  | { readonly kind: "stopping" }
  | { readonly kind: "stopped" };

export interface Listening {
  readonly port: number;
  /** `http://<host>:<port>` */
  readonly url: string;
  /** The admin port: `/metrics` and the probes. */
  readonly adminPort: number;
  /** `http://<host>:<adminPort>` */
  readonly adminUrl: string;
}

/** A runnable HTTP app: the service host and the gateway both are one. */
export interface Host {
  readonly app: Express;
  state(): LifecycleState;
  /** Starts listening on the port and on its admin port (port 0 picks free ones). */
  listen(port?: number, host?: string): Promise<Listening>;
  /** Graceful shutdown: not ready, stop accepting, drain in-flight requests, stop dependencies. */
  close(): Promise<void>;
}

/** Listening, readiness and shutdown, before an app is attached. */
export interface Lifecycle {
  state(): LifecycleState;
  /** Listens with `app`, and with `admin` on the admin port when given. */
  listen(app: Express, port?: number, host?: string, admin?: Express): Promise<Listening>;
  close(): Promise<void>;
}

export interface LifecycleOptions {
  readonly logger: Logger;
  readonly defaultPort: number;
  readonly shutdown?: ShutdownOptions;
  /** Stops consumers and closes pools, after the last request finished. */
  readonly stopDependencies: () => Promise<void>;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Listen, ready state and graceful shutdown around an Express app.
 *
 * @example
 * const lifecycle = createLifecycle({ logger, defaultPort: 3000, stopDependencies: async () => {} });
 * await lifecycle.listen(app, 0, "127.0.0.1");
 */
export function createLifecycle(options: LifecycleOptions): Lifecycle {
  return new ServerLifecycle(options);
}

class ServerLifecycle implements Lifecycle {
  private current: LifecycleState = { kind: "starting" };
  private server: Server | undefined;
  private adminServer: Server | undefined;
  private closing: Promise<void> | undefined;
  /** Shutting down for a signal: the handlers stay until the exit, so a late signal cannot kill the process by default. */
  private signalled = false;
  private readonly inFlight = new Set<ServerResponse>();
  private readonly timeoutMs: number;

  constructor(private readonly options: LifecycleOptions) {
    this.timeoutMs = options.shutdown?.timeoutMs ?? 10_000;
  }

  readonly state = (): LifecycleState => this.current;

  readonly listen = async (
    app: Express,
    port = Number(process.env.PORT ?? this.options.defaultPort),
    host = "0.0.0.0",
    admin?: Express,
  ): Promise<Listening> => {
    if (this.server) throw new Error("already listening");
    const server = createServer(app);
    server.on("clientError", answerClientError);
    trackRequests(server, this.inFlight, () => this.current.kind === "stopping");
    await listenOn(server, port, host);
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    const adminActual = admin ? await this.listenAdmin(admin, port, host) : actual;
    this.current = { kind: "ready", port: actual };
    if (this.options.shutdown?.signals) for (const signal of SIGNALS) process.on(signal, this.onSignal);
    this.options.logger.info({ port: actual, adminPort: adminActual }, "listening");
    const base = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}`;
    return { port: actual, url: `${base}:${actual}`, adminPort: adminActual, adminUrl: `${base}:${adminActual}` };
  };

  /** The admin listener; when the default admin port is taken (and `ADMIN_PORT` is not set), any free port, logged. */
  private async listenAdmin(admin: Express, port: number, host: string): Promise<number> {
    const configured = process.env[RUNTIME_ENV.adminPort];
    const wanted = adminPort(port, configured);
    const server = createServer(admin);
    server.on("clientError", answerClientError);
    try {
      await listenOn(server, wanted, host);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EADDRINUSE" || configured) throw error;
      this.options.logger.warn({ adminPort: wanted }, `admin port ${wanted} is taken; serving /metrics on a free port`);
      await listenOn(server, 0, host);
    }
    this.adminServer = server;
    return (server.address() as AddressInfo).port;
  }

  readonly close = (): Promise<void> => {
    this.closing ??= this.shutdown();
    return this.closing;
  };

  private async shutdown(): Promise<void> {
    const { logger, stopDependencies, shutdown } = this.options;
    this.current = { kind: "stopping" };
    const drained = await drain(this.server, this.inFlight, this.timeoutMs, shutdown?.drainDelayMs ?? 0);
    await closeServer(this.adminServer);
    if (!drained)
      logger.warn(
        { timeoutMs: this.timeoutMs, inFlight: this.inFlight.size },
        "shutdown timed out; connections closed",
      );
    const stopped = await Promise.race([
      stopDependencies().then(() => true),
      sleep(this.timeoutMs, false, { ref: false }),
    ]);
    if (!stopped) logger.warn({ timeoutMs: this.timeoutMs }, "dependencies did not stop in time");
    this.current = { kind: "stopped" };
    if (!this.signalled) for (const signal of SIGNALS) process.removeListener(signal, this.onSignal);
    logger.info("stopped");
  }

  /** A signal during the shutdown (Ctrl-C reaches a whole process group, then a supervisor's SIGTERM) changes nothing: the shutdown has its own time limit. */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.closing) {
      this.options.logger.info({ signal }, "already shutting down");
      return;
    }
    this.signalled = true;
    this.options.logger.info({ signal }, "shutting down");
    const exit = this.options.shutdown?.exit ?? ((code: number) => process.exit(code));
    const leave = (code: number) => {
      exit(code);
      for (const each of SIGNALS) process.removeListener(each, this.onSignal);
    };
    void this.close().then(
      () => leave(0),
      () => leave(1),
    );
  };
}

/**
 * The host of an app under a lifecycle.
 *
 * @example
 * const host = hostFor(app, lifecycle);
 */
export function hostFor(app: Express, lifecycle: Lifecycle, admin?: Express): Host {
  return {
    app,
    state: lifecycle.state,
    listen: (port, host) => lifecycle.listen(app, port, host, admin),
    close: lifecycle.close,
  };
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

function trackRequests(server: Server, inFlight: Set<ServerResponse>, stopping: () => boolean): void {
  server.on("request", (_req, res: ServerResponse) => {
    if (stopping()) res.setHeader("connection", "close");
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });
}

/** Stops accepting, lets in-flight requests finish (closing their connections after), true when all did in time. */
async function drain(
  server: Server | undefined,
  inFlight: Set<ServerResponse>,
  timeoutMs: number,
  delayMs: number,
): Promise<boolean> {
  if (!server) return true;
  if (delayMs > 0) await sleep(delayMs);
  for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const timer = sleep(timeoutMs, "timeout" as const, { ref: false });
  const outcome = await Promise.race([closed.then(() => "closed" as const), timer]);
  clearInterval(idle);
  if (outcome === "timeout") server.closeAllConnections();
  return outcome === "closed";
}
