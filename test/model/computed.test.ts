import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compileSpec,
  computeModel,
  type ComputedModel,
  ModelFileError,
  ModelLookupError,
  parseModelFile,
  serializeModel,
} from "../../src/model/index.js";

const ROOT = join(import.meta.dirname, "..", "..");

function compiled(text: string, file = "spec.yaml"): ComputedModel {
  const result = compileSpec(text, file);
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return computeModel(result.model);
}

const shop = compiled(readFileSync(join(ROOT, "architecture.yaml"), "utf8"), "architecture.yaml");

const MINI = `archkit: 1
system: { name: mini, title: Mini }
gateway: { auth: { kind: jwt, issuedBy: [accounts] }, rateLimit: { requests: 10, per: 1m } }
externals:
  mailer: { title: Mailer, protocol: smtp, url: "smtp://mail.example.com" }
services:
  accounts:
    endpoints:
      login: { method: POST, path: /login, public: true, auth: none }
  orders:
    endpoints:
      place: { method: POST, path: /orders, public: true, calls: [accounts.login], publishes: [Placed] }
  mailer:
    consumes:
      Placed: { calls: [mailer], deadLetter: true }
events:
  Placed: { schema: { type: object } }
flows:
  ordering: { title: Ordering, entry: orders.place }
`;

describe("computeModel relations", () => {
  it("derives publishers, consumers and dead-letterers of each event", () => {
    expect(shop.publishersOf("OrderCreated").map((p) => `${p.service}.${p.by}`)).toEqual(["orders.placeOrder"]);
    expect(shop.consumersOf("OrderCreated").length).toBeGreaterThan(0);
    const mini = compiled(MINI);
    expect(mini.consumersOf("Placed").map((c) => c.service)).toEqual(["mailer"]);
    expect(mini.deadLetterersOf("Placed").map((c) => c.handler)).toEqual(["onPlaced"]);
    expect(mini.publishersOf("Nope")).toEqual([]);
  });

  it("derives callers and callees of services and endpoints", () => {
    const orders = shop.service("orders");
    expect(orders.callees).toEqual(["payments", "products"]);
    expect(shop.service("products").callers).toContain("orders");
    expect(shop.callersOf("products.reserveStock").map((c) => c.service)).toContain("orders");
    const mini = compiled(MINI);
    expect(mini.service("accounts").callers).toEqual(["orders"]);
    expect(mini.callersOfExternal("mailer").map((c) => `${c.service}.${c.handler}`)).toEqual(["mailer.onPlaced"]);
  });

  it("answers a caller gets back as results: the declared responses below 500, by status", () => {
    expect(shop.answersOf("products.reserveStock").map((r) => r.status)).toEqual([201, 404, 409]);
    expect(shop.answersOf("payments.charge").map((r) => r.status)).toEqual([201, 400, 402, 409]);
    const spec = compiled(`archkit: 1
system: { name: s, title: S }
services:
  a:
    endpoints:
      get: { method: GET, path: /a, responses: { 503: Problem, 200: { type: object }, 204: ~, 500: Problem } }
`);
    expect(spec.answersOf("a.get").map((r) => [r.status, r.schema?.kind])).toEqual([
      [200, "inline"],
      [204, undefined],
    ]);
    expect(() => spec.answersOf("a.nope")).toThrow(/endpoint/);
  });

  it("derives the flows through each service, along calls and events", () => {
    const mini = compiled(MINI);
    for (const service of ["orders", "accounts", "mailer"]) {
      expect(mini.flowsThrough(service).map((f) => f.id)).toEqual(["ordering"]);
    }
    expect(shop.service("orders").flows).toContain("orderProcessing");
  });

  it("names a missing id with a did-you-mean instead of crashing later", () => {
    expect(() => shop.service("order")).toThrow(ModelLookupError);
    expect(() => shop.service("order")).toThrow(/no service "order"; did you mean "orders"\?/);
    expect(shop.findService("order")).toBeUndefined();
  });

  it("returns the same computed model for the same model object", () => {
    expect(computeModel(shop.model)).toBe(shop);
  });
});

/** Every workload's identity: its own signing key (secret) and every public key. */
const IDENTITY = ["ARCHKIT_IDENTITY_JWKS", "ARCHKIT_IDENTITY_KEY"];

describe("each service's needs", () => {
  const table: readonly { service: string; env: readonly string[]; secrets: readonly string[] }[] = [
    {
      service: "accounts",
      env: [...IDENTITY, "JWT_SECRET", "LOG_LEVEL", "PORT"],
      secrets: ["ARCHKIT_IDENTITY_KEY", "JWT_SECRET"],
    },
    {
      service: "orders",
      env: ["ACCOUNTS_URL", ...IDENTITY, "DATABASE_URL", "KAFKA_BROKERS", "LOG_LEVEL", "PORT"],
      secrets: ["ARCHKIT_IDENTITY_KEY", "DATABASE_URL"],
    },
    {
      service: "mailer",
      env: [...IDENTITY, "DATABASE_URL", "EXTERNAL_MAILER_URL", "KAFKA_BROKERS", "LOG_LEVEL", "PORT"],
      secrets: ["ARCHKIT_IDENTITY_KEY", "DATABASE_URL"],
    },
  ];
  it.each(table)("$service needs $env", ({ service, env, secrets }) => {
    const needs = compiled(MINI).service(service).needs;
    expect(needs.env.map((e) => e.name)).toEqual(env);
    expect(needs.secrets).toEqual(secrets);
  });

  it("gives a service with events but no store a database for its outbox and processed messages", () => {
    const mini = compiled(MINI);
    expect(mini.service("orders").needs.database).toEqual({ stores: [], outbox: true, processed: false });
    expect(mini.service("mailer").needs.database).toEqual({ stores: [], outbox: false, processed: true });
    expect(mini.service("accounts").needs.database).toBeNull();
  });

  it("takes an external's port from its protocol when the URL names none", () => {
    const egress = compiled(MINI).service("mailer").needs.egress;
    expect(egress).toContainEqual({ kind: "external", external: "mailer", port: 587, protocol: "smtp" });
  });

  it("names the broker variable of the deployment's broker", () => {
    const rabbit = compiled(`${MINI}deployment: { platform: kubernetes, broker: rabbitmq }\n`);
    expect(rabbit.service("orders").needs.env.map((e) => e.name)).toContain("AMQP_URL");
    expect(rabbit.service("orders").needs.env.map((e) => e.name)).not.toContain("KAFKA_BROKERS");
  });

  it("lists who may call each service, and what the gateway needs", () => {
    const mini = compiled(MINI);
    expect(mini.service("accounts").needs.ingress).toEqual(["gateway", "orders"]);
    expect(mini.service("mailer").needs.ingress).toEqual([]);
    expect(mini.gateway?.needs.env.map((e) => e.name)).toEqual([
      "ACCOUNTS_URL",
      ...IDENTITY,
      "JWT_SECRET",
      "LOG_LEVEL",
      "ORDERS_URL",
      "PORT",
      "REDIS_URL",
    ]);
  });

  it("gives the shop's users service the token secret it signs with", () => {
    expect(shop.service("users").needs.env.map((e) => e.name)).toContain("JWT_SECRET");
    expect(shop.service("orders").needs.env.map((e) => e.name)).not.toContain("JWT_SECRET");
  });
});

describe("the serialized model", () => {
  const text = serializeModel(shop.model);

  it("carries its version and stage and reads back to the same relations", () => {
    expect(JSON.parse(text)).toMatchObject({ archkit: 1, stage: "computed" });
    const read = parseModelFile(text, "model.json");
    expect(read.service("orders").needs).toEqual(shop.service("orders").needs);
  });

  const regenerate = /run `archkit generate` in the project/;
  const broken: readonly { name: string; text: string; message: RegExp; hint: RegExp }[] = [
    { name: "not JSON", text: "{", message: /model.json is not JSON/, hint: regenerate },
    {
      name: "an old unversioned model",
      text: JSON.stringify(shop.model),
      message: /not a model archkit wrote/,
      hint: regenerate,
    },
    {
      name: "a newer version",
      text: JSON.stringify({ archkit: 2, stage: "computed", model: shop.model }),
      message: /model version 2, this archkit reads version 1/,
      hint: /upgrade archkit/,
    },
    {
      name: "an incomplete model",
      text: JSON.stringify({ archkit: 1, stage: "computed", model: { system: { name: "x" } } }),
      message: /not a complete model: "actors" is not a list/,
      hint: regenerate,
    },
  ];
  it.each(broken)("refuses $name and says what to do", ({ text, message, hint }) => {
    let thrown: unknown;
    try {
      parseModelFile(text, "model.json");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelFileError);
    expect((thrown as ModelFileError).message).toMatch(message);
    expect((thrown as ModelFileError).hint).toMatch(hint);
    expect((thrown as ModelFileError).exitCode).toBe(1);
  });
});

describe("handlers and actors", () => {
  it("lists a service's endpoints, then its consumers, with the calls each declares in order", () => {
    const orders = shop.service("orders");
    expect(orders.handlers.map((h) => `${h.kind}:${h.name}`)).toEqual([
      ...orders.endpoints.map((e) => `endpoint:${e.name}`),
      ...orders.consumers.map((c) => `consumer:${c.handler}`),
    ]);
    const place = orders.handlers.find((h) => h.name === "placeOrder")!;
    expect(place.kind).toBe("endpoint");
    expect(place.calls).toBe(shop.endpoint("orders.placeOrder").calls);
  });

  it("finds actors by id", () => {
    expect(shop.actor(shop.model.actors[0]!.id)).toBe(shop.model.actors[0]);
    expect(shop.actor("nobody")).toBeUndefined();
  });
});
