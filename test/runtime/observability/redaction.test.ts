import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeModel } from "../../../src/model/index.js";
import { createLogger, createRedactor, REDACTED } from "../../../src/runtime/observability/index.js";
import { shopModel } from "../service/helpers.js";

/** A logger as services create it, writing parsed lines to an array. */
function capture(sensitive: readonly string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line !== "") lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ name: "test", level: "debug", destination, sensitive }), lines };
}

describe("redaction by key pattern, at any depth", () => {
  const redact = createRedactor(["shippingAddress", "shipping_address"]);
  it.each([
    [{ password: "p" }, { password: REDACTED }],
    [{ user: { passwordHash: "$argon2id$..." } }, { user: { passwordHash: REDACTED } }],
    [
      { headers: { Authorization: "Bearer x", cookie: "s=1", "x-api-key": "k" } },
      { headers: { Authorization: REDACTED, cookie: REDACTED, "x-api-key": REDACTED } },
    ],
    [
      { list: [{ refresh_token: "t" }, { clientSecret: "s" }] },
      { list: [{ refresh_token: REDACTED }, { clientSecret: REDACTED }] },
    ],
    [
      { body: { customerEmail: "a@example.com", shippingAddress: { line1: "1 Main St" } } },
      { body: { customerEmail: REDACTED, shippingAddress: REDACTED } },
    ],
    [
      { orderId: "o-1", total: 12, items: [{ quantity: 2 }] },
      { orderId: "o-1", total: 12, items: [{ quantity: 2 }] },
    ],
  ])("%j -> %j", (given, want) => {
    expect(redact(given)).toEqual(want);
  });

  it.each([
    [
      "an insert's sensitive columns",
      {
        sql: 'insert into "users" ("email", "password_hash", "role") values ($1, $2, $3)',
        parameters: ["a@example.com", "h", "customer"],
      },
      [REDACTED, REDACTED, "customer"],
    ],
    [
      "comparisons; a parameter with no column stays hidden",
      {
        sql: "select * from orders where customer_id = $1 and shipping_address = $2 limit $3 offset coalesce($4, 0)",
        parameters: ["c-1", "{}", 10, 0],
      },
      ["c-1", REDACTED, REDACTED, REDACTED],
    ],
    [
      "a multi-row insert",
      { sql: "insert into t (name, email) values ($1, $2), ($3, $4)", parameters: ["a", "a@x", "b", "b@x"] },
      ["a", REDACTED, "b", REDACTED],
    ],
  ])("SQL parameters: %s", (_what, query, want) => {
    expect(redact({ query })).toEqual({ query: { ...query, parameters: want } });
  });
});

describe("real log lines", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await db.query("create table users (email text unique, password_hash text, name text, shipping_address jsonb)");
    await db.query("insert into users values ($1, $2, $3, $4)", [
      "ann@example.com",
      "hash-1",
      "Ann",
      { line1: "1 Main St" },
    ]);
  });
  afterAll(() => db?.close());

  it("a logged database error shows neither its parameters nor the duplicate value", async () => {
    const { log, lines } = capture(computeModel(await shopModel()).sensitiveFields);
    const error = await db
      .query("insert into users (email, password_hash, name, shipping_address) values ($1, $2, $3, $4)", [
        "ann@example.com",
        "hash-2",
        "Ann Again",
        { line1: "2 Side St" },
      ])
      .catch((e: unknown) => e);
    log.error({ err: error }, "insert failed");
    log.warn({ cause: error }, "the same error under another key");
    const text = JSON.stringify(lines);
    for (const secret of ["ann@example.com", "hash-2", "Ann Again", "2 Side St"]) expect(text).not.toContain(secret);
    const err = lines[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({ code: "23505", message: expect.stringContaining("users_email_key") });
    expect(err.detail).toBe(`Key (email)=(${REDACTED}) already exists.`);
    expect(err.params).toEqual([REDACTED, REDACTED, REDACTED, REDACTED]);
    expect((lines[1]!.cause as Record<string, unknown>).params).toEqual([REDACTED, REDACTED, REDACTED, REDACTED]);
  });

  it("the columns the shop marks sensitive are redacted by name; the rest of the line is kept", async () => {
    const computed = computeModel(await shopModel());
    expect(computed.sensitiveFields).toEqual(
      expect.arrayContaining(["shippingAddress", "shipping_address", "line1", "phone"]),
    );
    const { log, lines } = capture(computed.sensitiveFields);
    log.info(
      {
        correlationId: "c-1",
        order: {
          id: "o-1",
          shippingAddress: { line1: "1 Main St" },
          customer: { phone: "+49 30 1", role: "customer" },
        },
      },
      "order placed",
    );
    expect(lines[0]).toMatchObject({
      msg: "order placed",
      correlationId: "c-1",
      order: { id: "o-1", shippingAddress: REDACTED, customer: { phone: REDACTED, role: "customer" } },
    });
  });

  it("a logger without the spec's fields still redacts the built-in patterns", () => {
    const { log, lines } = capture();
    log.info(
      { req: { headers: { authorization: "Bearer abc", "set-cookie": "s=1" } }, body: { email: "x@y" } },
      "request",
    );
    expect(JSON.stringify(lines)).not.toMatch(/Bearer abc|s=1|x@y/);
  });
});
