import { fetch } from "undici";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { closeClients, createClients } from "../../../src/runtime/clients/index.js";
import {
  createEventBus,
  MemoryBroker,
  MemoryTransport,
  type EventBus,
  type EventHandlers,
} from "../../../src/runtime/events/index.js";
import { withCorrelationId } from "../../../src/runtime/observability/index.js";
import { createService, NotImplemented, type HandlerMap } from "../../../src/runtime/service/index.js";
import { startProvider } from "../clients/provider.js";
import { Hosts, memoryLogger, shopModel } from "./helpers.js";

let model: Model;
const hosts = new Hosts();
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  model = await shopModel();
});
afterEach(async () => {
  await hosts.closeAll();
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const USER = "5b6f7d2a-1c3e-4f5a-8b9c-0d1e2f3a4b5c";

function notificationHandlers(sendWelcomeEmail: EventHandlers[string]): EventHandlers {
  const service = model.services.find((s) => s.id === "notifications")!;
  const rest = Object.fromEntries(service.consumers.map((c) => [c.handler, async () => {}]));
  return { ...rest, sendWelcomeEmail };
}

describe("correlation across an event", () => {
  it("a request's id travels in the event it publishes, to the consumer and the consumer's own calls", async () => {
    const broker = new MemoryBroker();
    const email = await startProvider(() => ({ status: 202, body: { queued: true } }));
    cleanups.push(email.close);
    const clients = createClients<never, "emailProvider" | "smsProvider">({
      model,
      service: "notifications",
      urls: { emailProvider: email.url, smsProvider: email.url },
    });
    cleanups.push(() => closeClients(clients));
    const consumed: (string | undefined)[] = [];
    const consumerLog = memoryLogger();
    const notifications = createEventBus({
      model,
      service: "notifications",
      transport: new MemoryTransport({ broker }),
      handlers: notificationHandlers((payload, context) =>
        withCorrelationId(context.correlationId, consumerLog.logger, async () => {
          consumed.push(context.correlationId);
          await clients.emailProvider({
            path: "/messages",
            body: { to: (payload as { email: string }).email, template: "welcome" },
          });
        }),
      ),
    });
    await notifications.start();
    cleanups.push(() => notifications.stop());

    const users: EventBus = createEventBus({ model, service: "users", transport: new MemoryTransport({ broker }) });
    await users.start();
    const handlers: HandlerMap = {
      login: async () => {
        throw new NotImplemented("users.login");
      },
      getProfile: async () => {
        throw new NotImplemented("users.getProfile");
      },
      updateProfile: async () => {
        throw new NotImplemented("users.updateProfile");
      },
      async register(req) {
        const { email, name } = req.body as { email: string; name: string };
        const createdAt = new Date().toISOString();
        await users.publish(
          "UserCreated",
          { userId: USER, email, name, occurredAt: createdAt },
          { correlationId: req.ctx.correlationId },
        );
        return { status: 201, body: { id: USER, email, name, role: "customer", createdAt } };
      },
    };
    const url = await hosts.start(
      createService({ model, service: "users" }, handlers, { logger: memoryLogger().logger, bus: users }),
    );

    const response = await fetch(`${url}/users`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "signup-1" },
      body: JSON.stringify({ email: "ada@example.com", password: "correct-horse-battery", name: "Ada" }),
    });
    expect(response.status).toBe(201);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await expect.poll(() => email.seen.length).toBe(1);
    expect(consumed).toEqual(["signup-1"]);
    expect(email.seen[0]?.headers["x-request-id"]).toBe("signup-1");
    expect(email.seen[0]).toMatchObject({ method: "POST", url: "/messages" });
  });
});
