import type { Model } from "../model/index.js";
import { createGateway } from "../runtime/index.js";
import { sinkLogger, type LogSink } from "./logs.js";
import { waitReady } from "./ready.js";
import { RUNTIME_ENV } from "../model/naming.js";

export interface DevGateway {
  readonly url: string;
  close(): Promise<void>;
}

/** The model's gateway in this process, routing to the services by the `<SERVICE>_URL` variables of `env`. */
export async function startGateway(
  model: Model,
  env: Readonly<Record<string, string | undefined>>,
  port: number,
  log: LogSink,
): Promise<DevGateway | undefined> {
  if (!model.gateway) return undefined;
  const gateway = createGateway({
    model,
    env,
    logger: sinkLogger("gateway", env[RUNTIME_ENV.logLevel] ?? "info", log),
  });
  const { url } = await gateway.listen(port, "127.0.0.1");
  await waitReady(url, { timeoutMs: 10_000, what: "the gateway" });
  return { url, close: () => gateway.close() };
}
