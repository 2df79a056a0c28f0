import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { serializeModel } from "../../../src/model/index.js";
import { type HandlerRequest, MemoryBroker, type RunningService, serviceStarter } from "../../../src/runtime/index.js";
import { busModel, order } from "../events/fixture.js";

const dirs: string[] = [];
const running: RunningService[] = [];
afterAll(async () => {
  for (const service of running.reverse()) await service.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function modelFile(): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), "archkit-starter-"));
  dirs.push(dir);
  const file = join(dir, "model.json");
  await writeFile(file, serializeModel(busModel()));
  return pathToFileURL(file);
}

type PlaceRequest = HandlerRequest<
  unknown,
  unknown,
  unknown,
  { publish(event: string, payload: unknown): Promise<unknown> }
>;

describe("serviceStarter", () => {
  it("reads the model file once and starts each service with the endpoint and consumer members it names", async () => {
    const file = await modelFile();
    const broker = new MemoryBroker();
    const options = { port: 0, env: { LOG_LEVEL: "silent", DATABASE_URL: "pglite://memory" }, broker };
    const recorded: unknown[] = [];
    const audit = serviceStarter<Record<"ping" | "record" | "recordInvoice" | "helper", unknown>>({
      modelFile: file,
      service: "audit",
      endpoints: ["ping"],
      consumers: ["record", "recordInvoice"],
    });
    const orders = serviceStarter<Record<"placeOrder", unknown>>({
      modelFile: file,
      service: "orders",
      endpoints: ["placeOrder"],
      consumers: [],
    });
    expect(audit.computed.service("audit").consumes).toEqual(["InvoiceIssued", "OrderPlaced"]);
    expect(orders.model.system.name).toBe("busdemo");
    const placed = order();
    running.push(
      await audit.start(
        {
          ping: async () => ({ status: 200 }),
          record: async (payload: unknown) => void recorded.push(payload),
          recordInvoice: async () => undefined,
          helper: "not a handler",
        },
        options,
      ),
    );
    const ordersRunning = await orders.start(
      {
        placeOrder: async (req: PlaceRequest) => {
          await req.ctx.deps.publish("OrderPlaced", req.body);
          return { status: 201 };
        },
      },
      options,
    );
    running.push(ordersRunning);
    const response = await fetch(`${ordersRunning.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(placed),
    });
    expect(response.status).toBe(201);
    await expect.poll(() => recorded).toEqual([placed]);
  });

  it("says to run archkit generate when the model file is missing", () => {
    const missing = pathToFileURL(join(tmpdir(), "archkit-starter-missing", "model.json"));
    expect(() => serviceStarter({ modelFile: missing, service: "x", endpoints: [], consumers: [] })).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/archkit generate/) }),
    );
  });
});
