import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stopWaves } from "../../src/dev/stop-order.js";
import { MODEL_FILE, readModelFile } from "../../src/model/index.js";
import { ROOT } from "../cli/helpers.js";

describe("the order archkit dev stops services in", () => {
  it("stops callers before the services they call, so cross-service requests in flight finish", () => {
    const shop = readModelFile(join(ROOT, "examples", "shop", MODEL_FILE)).model;
    const waves = stopWaves(shop);
    const wave = (id: string) => waves.findIndex((w) => w.includes(id));
    expect(waves.flat().sort()).toEqual(shop.services.map((s) => s.id).sort());
    for (const service of shop.services)
      for (const call of [...service.endpoints, ...service.consumers].flatMap((x) => x.calls))
        if (call.kind === "endpoint" && call.service !== service.id)
          expect(wave(service.id), `${service.id} calls ${call.service}`).toBeLessThan(wave(call.service));
    expect(waves.length).toBeGreaterThan(1);
  });
});
