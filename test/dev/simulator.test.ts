import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/dev/index.js";
import { compileFile, compileSpec, type Model } from "../../src/model/index.js";
import { createClients, UpstreamError } from "../../src/runtime/index.js";

let shopModel: Model;
let simulator: RunningSimulator;

beforeAll(async () => {
  const { model } = await compileFile(new URL("../../architecture.yaml", import.meta.url).pathname);
  shopModel = model!;
  simulator = await startSimulator({ model: shopModel });
});
afterAll(async () => {
  await simulator?.close();
});

async function post(
  external: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${simulator.urls[external]}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("startSimulator", () => {
  it("serves every external of the model under its own base path, with the variable the runtime reads", () => {
    expect(simulator.kinds).toEqual({ paymentGateway: "payment", emailProvider: "email", smsProvider: "sms" });
    expect(simulator.urls.paymentGateway).toBe(`${simulator.url}/paymentGateway`);
    expect(simulator.env).toEqual({
      EXTERNAL_PAYMENT_GATEWAY_URL: simulator.urls.paymentGateway,
      EXTERNAL_EMAIL_PROVIDER_URL: simulator.urls.emailProvider,
      EXTERNAL_SMS_PROVIDER_URL: simulator.urls.smsProvider,
    });
  });

  it("approves charges, declines the test tokens with a problem and a code, and refunds up to the charged amount", async () => {
    const approved = await post("paymentGateway", "/charges", {
      amount: 62.3,
      currency: "EUR",
      source: "tok_visa_4242",
      reference: "order-1",
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      id: expect.stringMatching(/^ch_/),
      status: "succeeded",
      amount: 62.3,
      currency: "EUR",
    });

    const declined = await post("paymentGateway", "/charges", { amount: 10, currency: "EUR", source: "tok_declined" });
    expect(declined.status).toBe(402);
    expect(declined.headers.get("content-type")).toContain("application/problem+json");
    expect(declined.body).toMatchObject({ status: 402, code: "card_declined", detail: "the card was declined" });
    expect(
      (await post("paymentGateway", "/charges", { amount: 10, currency: "EUR", source: "tok_processing_error" }))
        .status,
    ).toBe(503);
    expect(
      (await post("paymentGateway", "/charges", { amount: -1, currency: "EUR", source: "tok_visa" })).body.code,
    ).toBe("invalid_amount");
    expect(
      (await post("paymentGateway", "/charges", { amount: 5, currency: "EUR", source: "4242424242424242" })).body.code,
    ).toBe("invalid_source");

    const part = await post("paymentGateway", "/refunds", { charge: approved.body.id, amount: 12.5 });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ id: expect.stringMatching(/^re_/), charge: approved.body.id, amount: 12.5 });
    const rest = await post("paymentGateway", "/refunds", { charge: approved.body.id });
    expect(rest.body.amount).toBe(49.8);
    expect((await post("paymentGateway", "/refunds", { charge: approved.body.id, amount: 0.01 })).status).toBe(409);
    expect((await post("paymentGateway", "/refunds", { charge: "ch_unknown" })).status).toBe(404);
    const read = await fetch(`${simulator.urls.paymentGateway}/charges/${approved.body.id}`);
    expect(await read.json()).toMatchObject({ id: approved.body.id, refunded: 62.3 });
  });

  it("replays a repeated Idempotency-Key and refuses the key with other parameters", async () => {
    const body = { amount: 20, currency: "EUR", source: "tok_visa", reference: "order-2" };
    const first = await post("paymentGateway", "/charges", body, { "idempotency-key": "k-1" });
    const again = await post("paymentGateway", "/charges", body, { "idempotency-key": "k-1" });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await post("paymentGateway", "/charges", { ...body, amount: 21 }, { "idempotency-key": "k-1" });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("idempotency_key_reused");
  });

  it("records what the email and SMS services were sent, refusals included, in order of arrival", async () => {
    const email = { to: "ada@example.com", subject: "Welcome", text: "Hello Ada", template: "welcome" };
    expect((await post("emailProvider", "/messages", email, { "x-request-id": "req-42" })).status).toBe(202);
    expect((await post("emailProvider", "/messages", { ...email, to: "not-an-address" })).status).toBe(400);
    expect((await post("smsProvider", "/messages", { to: "+447700900123", text: "Shipped" })).status).toBe(202);
    expect((await post("smsProvider", "/messages", { to: "07700 900123", text: "Shipped" })).body.code).toBe(
      "invalid_recipient",
    );

    const emails = simulator.records("emailProvider").slice(-2);
    expect(emails.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/messages", 202],
      ["POST", "/messages", 400],
    ]);
    expect(emails[0]).toMatchObject({
      external: "emailProvider",
      kind: "email",
      body: email,
      headers: { "x-request-id": "req-42" },
    });
    expect(emails[1]!.seq).toBeGreaterThan(emails[0]!.seq);
    const overHttp = (await (await fetch(`${simulator.url}/_simulator/records/smsProvider`)).json()) as unknown[];
    expect(overHttp).toEqual(simulator.records("smsProvider"));
    expect(() => simulator.records("emailProvder")).toThrow(/did you mean `emailProvider`/);
  });

  it("is what a service's declared external call reaches through EXTERNAL_<NAME>_URL", async () => {
    const clients = createClients<never, "paymentGateway">({
      model: shopModel,
      service: "payments",
      env: simulator.env,
    });
    const charged = await clients.paymentGateway({
      path: "/charges",
      body: { amount: 5, currency: "EUR", source: "tok_visa" },
    });
    expect(charged.status).toBe(201);
    const failure = await clients
      .paymentGateway({ path: "/charges", body: { amount: 5, currency: "EUR", source: "tok_insufficient_funds" } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ status: 402, detail: "the card has insufficient funds" });
  });

  it("records and accepts anything sent to an external it has no behaviour for, and answers 404 outside every base path", async () => {
    const { model, diagnostics } = compileSpec(
      `archkit: 1
system: { name: mini, title: Mini }
externals:
  analytics: { title: Analytics Platform, description: Collects usage figures, protocol: https }
  ledger: { title: Ledger, protocol: https }
services:
  web:
    endpoints:
      ping: { method: POST, path: /ping, responses: { 204: null }, calls: [analytics, ledger] }
`,
      "mini.yaml",
    );
    expect(diagnostics).toEqual([]);
    const own = await startSimulator({ model: model!, kinds: { ledger: "payment" } });
    try {
      expect(own.kinds).toEqual({ analytics: "generic", ledger: "payment" });
      const response = await fetch(`${own.urls.analytics}/v1/track?x=1`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: "view" }),
      });
      expect(response.status).toBe(202);
      expect(own.records("analytics")).toMatchObject([
        { method: "PUT", path: "/v1/track", query: { x: "1" }, body: { event: "view" }, status: 202 },
      ]);
      expect((await fetch(`${own.url}/nowhere`)).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});
