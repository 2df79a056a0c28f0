import express, { type Express } from "express";
import type { Model } from "../../../src/model/index.js";
import type { ServiceHost } from "../../../src/runtime/service/index.js";

/**
 * The archkit modules the servers use: the compiled ones from `dist/` (what services run in
 * production), or the sources when asked.
 */
export interface Lib {
  readonly model: typeof import("../../../src/model/index.js");
  readonly service: typeof import("../../../src/runtime/service/index.js");
  readonly observability: typeof import("../../../src/runtime/observability/index.js");
}

/** The body both servers accept, a valid `CreateProduct` of the shop. */
export const CREATE_PRODUCT = {
  sku: "TEA-001",
  name: "Cast iron teapot",
  description: "Keeps tea warm for an hour.",
  price: { amount: 39.9, currency: "EUR" },
  category: "kitchen",
  attributes: { colour: "black", capacity: "0.9l" },
  initialStock: 25,
};

const ID = "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01";

function created(body: typeof CREATE_PRODUCT): Record<string, unknown> {
  const { initialStock, ...rest } = body;
  return { ...rest, id: ID, available: initialStock, createdAt: "2026-01-15T10:00:00.000Z" };
}

/**
 * The shop's products service on the runtime: request and response validation, metrics,
 * correlation ids and one JSON access-log line per request, written to `logFile`.
 *
 * @example
 * await runtimeServer(lib, model, "/dev/null").listen(0, "127.0.0.1");
 */
export function runtimeServer(lib: Lib, model: Model, logFile: string): ServiceHost {
  const notUsed = async (): Promise<never> => {
    throw new Error("not part of the benchmark");
  };
  return lib.service.createService(
    { model, service: "products" },
    {
      createProduct: async (req) => ({ status: 201, body: created(req.body as typeof CREATE_PRODUCT) }),
      listProducts: notUsed,
      searchProducts: notUsed,
      getProduct: notUsed,
      reserveStock: notUsed,
    },
    { logger: lib.observability.createLogger({ name: "products", destination: logFile, level: "info" }) },
  );
}

/**
 * The same work by hand on bare Express 5: parse JSON, validate with the same ajv schema, answer.
 *
 * @example
 * bareServer(lib, model).listen(0);
 */
export function bareServer(lib: Lib, model: Model): Express {
  const validate = lib.model.runtimeAjv(model).body.getSchema("CreateProduct");
  if (!validate) throw new Error("the shop has no CreateProduct schema");
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.post("/products", (req, res) => {
    if (!validate(req.body)) {
      res.status(400).json({ title: "Bad Request", status: 400, errors: validate.errors });
      return;
    }
    res.status(201).json(created(req.body as typeof CREATE_PRODUCT));
  });
  return app;
}
