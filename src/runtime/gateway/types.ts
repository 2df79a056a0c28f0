import type { Store } from "express-rate-limit";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Model } from "../../model/index.js";
import type { ShutdownOptions } from "../service/types.js";

export interface GatewayOptions {
  readonly model: Model;
  /** Base URLs by service id; otherwise `<SERVICE>_URL` from the environment. */
  readonly targets?: Readonly<Record<string, string | undefined>>;
  /** Default `process.env`: service URLs, the JWT secret (`gateway.auth.secretEnv`), `REDIS_URL`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly registry?: Registry;
  /** Express `trust proxy`, for the client address behind a load balancer (default false). */
  readonly trustProxy?: boolean | number | string;
  /** A rate-limit store of your own; by default Redis when `REDIS_URL` is set, memory otherwise. */
  readonly rateLimitStore?: Store;
  readonly shutdown?: ShutdownOptions;
  /** One info log line per request (default true); failed requests are logged regardless. */
  readonly accessLog?: boolean;
}
