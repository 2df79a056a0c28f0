import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_FILE, readModelFile } from "../../src/model/index.js";
import { eventually } from "../examples/shop-system.js";
import { archkit } from "../cli/helpers.js";
import { adminToken, alive, copyShop, removeCopy, ROOT, startDev, type DevRun, type DevState } from "./dev-process.js";

interface EventRecord {
  readonly type: string;
  readonly correlationId?: string;
  readonly deliveries: readonly { readonly group: string; readonly ok: boolean }[];
}

let dev: DevRun;
let state: DevState;
const model = readModelFile(join(ROOT, "examples", "shop", MODEL_FILE)).model;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${state.gatewayUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

const example = (flow: string): any => model.flows.find((f) => f.id === flow)!.example!.body;
const groupsConsuming = (type: string): string[] =>
  model.services
    .filter((s) => s.consumers.some((c) => c.event === type))
    .map((s) => `${model.system.name}.${s.id}`)
    .sort();

async function eventsOf(correlationId: string): Promise<EventRecord[]> {
  const response = await fetch(`${state.inspector}/events`);
  return ((await response.json()) as EventRecord[]).filter((e) => e.correlationId === correlationId);
}

describe("archkit dev on the example shop, through the real CLI", () => {
  beforeAll(async () => {
    dev = startDev(await copyShop());
    state = await dev.state();
  }, 120_000);

  afterAll(async () => {
    await dev?.stop();
    if (dev) await removeCopy(dev.dir);
  });

  it("starts every service, the gateway and the simulated externals, and says where", () => {
    expect(state.services.map((s) => s.id).sort()).toEqual(model.services.map((s) => s.id).sort());
    expect(Object.keys(state.externals).sort()).toEqual(model.externals.map((e) => e.id).sort());
    expect(dev.output()).toMatch(/✔ Shop Platform ready in \d+\.\d s/);
    for (const service of state.services) expect(dev.output()).toContain(service.url);
  });

  it("prints each service's start once, with its fields", () => {
    const started = dev.output().split("✔ Shop Platform ready")[0]!;
    expect(started).not.toMatch(/listening on http/);
    for (const { id, port } of [...state.services, { id: "gateway", port: Number(new URL(state.gatewayUrl).port) }]) {
      const lines = started.split("\n").filter((l) => new RegExp(`^${id}\\s+│ .*listening`).test(l));
      expect(lines, id).toEqual([expect.stringMatching(new RegExp(` info  listening port=${port} adminPort=\\d+$`))]);
    }
  });

  it("registers, logs in, lists products and places an order that reaches paid, each event passing once to each consumer", async () => {
    const registration = example("userRegistration");
    const registered = await call("POST", "/users", registration, { "x-request-id": "dev-e2e-register" });
    expect(registered.status).toBe(201);
    const login = await call("POST", "/auth/login", { email: registration.email, password: registration.password });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const products = await call("GET", "/products?limit=100");
    expect(products.status).toBe(200);
    expect(products.body.items.length).toBeGreaterThan(0);

    const placed = await call("POST", "/orders", example("orderProcessing"), {
      ...auth,
      "x-request-id": "dev-e2e-order",
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe("paid");
    expect((await call("GET", `/orders/${placed.body.id}`, undefined, auth)).body.status).toBe("paid");

    const admin = { authorization: `Bearer ${await adminToken(dev.dir)}` };
    await eventually(
      "the order confirmation",
      async () => {
        const list = (await call("GET", `/notifications?recipientId=${registered.body.id}`, undefined, admin)).body as {
          items: { template: string; status: string }[];
        };
        return list.items.some((n) => n.template === "order-confirmation" && n.status === "sent") ? true : undefined;
      },
      15_000,
    );

    for (const [correlationId, types] of [
      ["dev-e2e-register", ["UserCreated"]],
      ["dev-e2e-order", ["OrderCreated", "PaymentCompleted"]],
    ] as const) {
      const events = await eventually(
        `every delivery of ${correlationId}`,
        async () => {
          const found = await eventsOf(correlationId);
          const complete =
            found.length > 0 &&
            found.every((e) => groupsConsuming(e.type).every((g) => e.deliveries.some((d) => d.group === g && d.ok)));
          return complete ? found : undefined;
        },
        15_000,
      );
      expect(events.map((e) => e.type).sort()).toEqual([...types].sort());
      for (const event of events) {
        const delivered = event.deliveries
          .filter((d) => d.ok)
          .map((d) => d.group)
          .sort();
        expect(delivered, `${event.type} delivered once to each consumer`).toEqual(groupsConsuming(event.type));
      }
    }
  });

  it("accepts a token from `archkit token`, signed with the project's dev secret, and says so on start", async () => {
    expect(dev.output()).toMatch(
      /a token: npx archkit token \S+ --user alice --roles admin {3}\(signed with \S+\.archkit\/dev-secret\)/,
    );
    const token = async (roles: string) => {
      const issued = await archkit(["token", dev.dir, "--user", "ops-1", "--roles", roles]);
      expect(issued.code, issued.stderr).toBe(0);
      return { authorization: `Bearer ${issued.stdout.trim()}` };
    };
    const path = "/orders/00000000-0000-4000-8000-000000000000/cancellation";
    const body = { reason: "test" };
    expect((await call("POST", path, body, { "x-request-id": "dev-e2e-no-token" })).status).toBe(401);
    await dev.waitFor(
      /gateway\s+│ \S+ info {2}request completed POST \/orders\/\{orderId\}\/cancellation 401 [\d.]+ms #dev-e2e-no-token\n/,
    );
    expect((await call("POST", path, body, await token("customer"))).status).toBe(403);
    expect((await call("POST", path, body, await token("admin"))).status).not.toBeOneOf([401, 403]);
  });

  it("reloads a service when its handler changes: the next request sees the edit; the typecheck shows a type error and the fix", {
    timeout: 180_000,
  }, async () => {
    await dev.waitFor(/✔ typecheck: no errors \(\d+\.\d s\)\n/, 0, 120_000);
    const before = await call("GET", "/products/search");
    expect(before.status).toBe(400);
    const file = join(dev.dir, "services", "products", "src", "handlers.ts");
    const source = await readFile(file, "utf8");
    expect(source).toContain("search needs a query: ?q=<at least two characters>");
    const broken = dev.output().length;
    await writeFile(file, source.replace("async searchProducts(req) {", "async searchProducts(req) {{"));
    const reported = await dev.waitFor(
      /products does not compile:\n\s+services\/products\/src\/handlers\.ts:\d+:\d+: [^\n]+/,
      broken,
    );
    expect(reported).toMatch(/handlers\.ts:\d+:\d+: /);
    expect((await call("GET", "/products/search")).status).toBe(400);
    const typed = dev.output().length;
    await writeFile(
      file,
      source.replace("async searchProducts(req) {", 'async searchProducts(req) {\n    const devTypo: number = "ten";'),
    );
    const typeError = await dev.waitFor(
      /✖ typecheck: 1 error \(\d+\.\d s\)\n {2}services\/products\/src\/handlers\.ts:\d+:\d+: Type 'string' is not assignable to type 'number'\. \(TS2322\)\n/,
      typed,
      90_000,
    );
    await dev.waitFor(/↻ reloaded products in \d+ ms/, typed);
    expect(dev.output().slice(typed).split(typeError)).toHaveLength(2);
    const checked = await fetch(`${state.inspector}/typecheck`).then((r) => r.json() as Promise<DevState["typecheck"]>);
    expect(checked?.last?.errors).toEqual([
      expect.objectContaining({ file: "services/products/src/handlers.ts", code: 2322 }),
    ]);
    const mark = dev.output().length;
    const previous = state;
    await writeFile(
      file,
      source.replace("search needs a query: ?q=<at least two characters>", "edited while archkit dev ran"),
    );
    await dev.waitFor(/↻ reloaded products in \d+ ms/, mark);
    state = await dev.state(previous);
    expect(state.services.find((s) => s.id === "products")!.pid).not.toBe(
      previous.services.find((s) => s.id === "products")!.pid,
    );
    const after = await call("GET", "/products/search");
    expect(after.body.detail).toBe("edited while archkit dev ran");
    await dev.waitFor(/✔ typecheck: clean again \(\d+\.\d s\)\n/, mark, 90_000);
    expect(dev.output().slice(mark)).not.toContain("✖ typecheck");
  });

  it("shows the diagnostics of a broken spec and keeps the running system answering; the regenerated one keeps every port", {
    timeout: 90_000,
  }, async () => {
    const spec = join(dev.dir, "architecture.yaml");
    const source = await readFile(spec, "utf8");
    const mark = dev.output().length;
    await writeFile(spec, source.replace("entry: orders.placeOrder", "entry: orders.placeOrdr"));
    const shown = await dev.waitFor(/error AK\d+[^\n]*placeOrdr[\s\S]*?the running system is unchanged/, mark);
    expect(shown).toContain("did you mean `orders.placeOrder`?");
    expect((await call("GET", "/products?limit=1")).status).toBe(200);
    const previous = state;
    await writeFile(spec, source);
    state = await dev.state(previous);
    expect(state.startupMs).toBeGreaterThan(0);
    expect((await call("GET", "/products?limit=1")).status).toBe(200);
    expect(state.gatewayUrl).toBe(previous.gatewayUrl);
    expect(state.externals).toEqual(previous.externals);
    expect(state.services.map((s) => [s.id, s.port])).toEqual(previous.services.map((s) => [s.id, s.port]));
    const kept = JSON.parse(await readFile(join(dev.dir, ".archkit", "dev-ports.json"), "utf8"));
    expect(kept.services).toEqual(Object.fromEntries(state.services.map((s) => [s.id, s.port])));
  });

  it("stops everything on Ctrl-C, gracefully: exit 0 and no process left behind", async () => {
    const pids = state.services.map((s) => s.pid);
    expect(pids.every(alive)).toBe(true);
    expect(await dev.stop()).toBe(0);
    expect(dev.output()).toContain("✔ stopped cleanly");
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe("archkit dev --single", () => {
  it("runs every service in the archkit dev process: the order flow reaches paid and Ctrl-C exits 0", async () => {
    const dir = await copyShop();
    const single = startDev(dir, ["--free-ports", "--single", "--no-watch"]);
    try {
      const running = await single.state();
      expect(new Set(running.services.map((s) => s.pid))).toEqual(new Set([running.pid]));
      const post = (path: string, body: unknown, token?: string) =>
        fetch(`${running.gatewayUrl}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const customer = example("userRegistration");
      expect((await post("/users", customer)).status).toBe(201);
      const login = (await (
        await post("/auth/login", { email: customer.email, password: customer.password })
      ).json()) as { accessToken: string };
      const placed = await post("/orders", example("orderProcessing"), login.accessToken);
      expect(placed.status).toBe(201);
      expect(((await placed.json()) as { status: string }).status).toBe("paid");
      expect(await single.stop()).toBe(0);
      expect(single.output()).toContain("✔ stopped cleanly");
    } finally {
      await single.stop();
      await removeCopy(dir);
    }
  }, 120_000);
});
