import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningSystem } from "./system.js";
import type { TypecheckStatus } from "./typecheck.js";

export interface Inspector {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A small JSON API on the running dev system: `GET /system` (URLs), `GET /events` (every event
 * with its deliveries), `GET /externals/<id>` (what a simulated external was sent), `GET /logs/<service>` (its recent JSON log records),
 * `GET /typecheck` (the latest type-check of the project and whether one runs).
 */
export async function startInspector(
  current: () => RunningSystem,
  typecheck: () => TypecheckStatus | undefined = () => undefined,
): Promise<Inspector> {
  const server: Server = createServer((req, res) => {
    const system = current();
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const external = /^\/externals\/([^/]+)$/.exec(path)?.[1];
    const logsOf = /^\/logs\/([^/]+)$/.exec(path)?.[1];
    const body =
      path === "/system"
        ? {
            gatewayUrl: system.gatewayUrl,
            services: system.services,
            externals: system.externals,
            startupMs: system.startupMs,
          }
        : path === "/events"
          ? system.events.list()
          : path === "/typecheck"
            ? (typecheck() ?? { off: "no TypeScript found" })
            : logsOf !== undefined
              ? system.logs(decodeURIComponent(logsOf))
              : external !== undefined && decodeURIComponent(external) in system.externals
                ? system.records(decodeURIComponent(external))
                : undefined;
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        body ?? { error: `no ${path}; try /system, /events, /typecheck, /logs/<service> or /externals/<id>` },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
