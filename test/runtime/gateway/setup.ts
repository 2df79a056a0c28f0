import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { SignJWT } from "jose";
import type { Model } from "../../../src/model/index.js";
import { createGateway, type GatewayOptions } from "../../../src/runtime/gateway/index.js";
import { startProvider, type Seen } from "../clients/provider.js";
import { type Hosts, memoryLogger } from "../service/helpers.js";

export const SECRET = "test-secret-that-is-long-enough-for-hs256";

/** Every service of the model routed to one echo server that answers with what it received. */
export async function gatewayOverEcho(model: Model, hosts: Hosts, options: Partial<GatewayOptions> = {}) {
  const echo = await startProvider((seen) => ({
    status: 200,
    body: { method: seen.method, url: seen.url, headers: seen.headers, bodyLength: seen.body.length },
  }));
  const targets = Object.fromEntries(model.services.map((s) => [s.id, echo.url]));
  const gateway = createGateway({
    model,
    targets,
    env: { JWT_SECRET: SECRET },
    logger: memoryLogger().logger,
    ...options,
  });
  const url = await hosts.start(gateway);
  return { url, seen: echo.seen as Seen[], close: echo.close, gateway };
}

/** A token signed like the gateway expects, with any claim overridable. */
export async function token(
  claims: { sub?: string; roles?: string[]; aud?: string; iss?: string; exp?: number },
  secret = SECRET,
): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub ?? "user-1")
    .setIssuer(claims.iss ?? "shop")
    .setAudience(claims.aud ?? "shop-api")
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** A throwaway redis-server on a free port, or undefined when none is installed. */
export async function startRedis(): Promise<{ url: string; stop(): void } | undefined> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const started = await new Promise<boolean>((resolve) => {
    child.once("error", () => resolve(false));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) resolve(true);
    });
    setTimeout(() => resolve(false), 5_000).unref();
  });
  if (!started) {
    child.kill();
    return undefined;
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
