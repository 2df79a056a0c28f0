import { createServer, type AddressInfo } from "node:net";

/** True when nothing listens on the port of 127.0.0.1. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The wanted port when it is free, a free one otherwise; `"free"` always asks the OS.
 * Ports already handed out in this run are never given twice.
 */
export async function pickPort(wanted: number | "free", taken: Set<number>): Promise<number> {
  if (wanted !== "free" && !taken.has(wanted) && (await portIsFree(wanted))) {
    taken.add(wanted);
    return wanted;
  }
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}
