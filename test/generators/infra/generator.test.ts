import { computeModel } from "../../../src/model/index.js";
import { urlVariable } from "../../../src/runtime/clients/index.js";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyPlan, generatedHeader, isUpToDate, planFileSets } from "../../../src/generators/index.js";
import {
  describeInfra,
  disruptionFor,
  infraFiles,
  infraGenerator,
  mergeStackConfig,
  stackSettings,
} from "../../../src/generators/infra/index.js";
import { generatedFiles, kafkaShopModel, shopModel, tinyModel } from "./helpers.js";

const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));
/** Golden copies carry `.golden` so that the TypeScript among them is not part of archkit's own type check. */
const goldenPath = (path: string) => join(GOLDEN, `${path}.golden`);

async function listGolden(dir = GOLDEN, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listGolden(join(dir, e.name), `${prefix}${e.name}/`)
        : Promise.resolve([`${prefix}${e.name.replace(/\.golden$/, "")}`]),
    ),
  );
  return nested.flat().sort();
}

describe("infra generator: golden files of the shop", () => {
  it("matches the golden infra/ (UPDATE_GOLDEN=1 refreshes it)", async () => {
    const files = infraFiles(await shopModel());
    if (process.env.UPDATE_GOLDEN === "1") {
      await rm(GOLDEN, { recursive: true, force: true });
      for (const f of files) {
        await mkdir(dirname(goldenPath(f.path)), { recursive: true });
        await writeFile(goldenPath(f.path), f.content);
      }
    }
    expect(files.map((f) => f.path).sort()).toEqual(await listGolden());
    for (const f of files) expect(f.content, f.path).toBe(await readFile(goldenPath(f.path), "utf8"));
  });
});

describe("infra generator: files", () => {
  it("writes the Pulumi project, a stack file per environment, the program and architecture.json", async () => {
    const paths = infraFiles(await shopModel()).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "infra/Pulumi.yaml",
        "infra/Pulumi.dev.yaml",
        "infra/Pulumi.staging.yaml",
        "infra/Pulumi.production.yaml",
        "infra/index.ts",
        "infra/package.json",
        "infra/tsconfig.json",
        "infra/architecture.json",
        "infra/lib/network.ts",
      ]),
    );
  });

  it("owns every file but the stack files, each owned file starting with the header where its format has comments", async () => {
    for (const f of infraFiles(await shopModel())) {
      if (/Pulumi\.[^.]+\.yaml$/.test(f.path) && f.path !== "infra/Pulumi.yaml") {
        expect(f.kind, f.path).toBe("scaffold");
        continue;
      }
      expect(f.kind, f.path).toBe("owned");
      const header = generatedHeader(f.path);
      if (header !== undefined) expect(f.content.split("\n")[0], f.path).toBe(header);
    }
  });

  it("is deterministic and a pure function of the model", async () => {
    const model = await shopModel();
    const contents = () => infraGenerator.generate(computeModel(model)).files.map((f) => [f.kind, f.path, f.content]);
    expect(contents()).toEqual(contents());
    expect(infraGenerator.target).toBe("infra");
  });

  it("pins the Pulumi SDK versions installed with archkit", async () => {
    const manifest = JSON.parse(generatedFiles(await shopModel()).get("infra/package.json")!) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies).toEqual({ "@pulumi/kubernetes": "4.34.2", "@pulumi/pulumi": "3.245.0" });
    const installed = JSON.parse(
      await readFile(
        fileURLToPath(new URL("../../../node_modules/@pulumi/pulumi/package.json", import.meta.url)),
        "utf8",
      ),
    ) as { version: string };
    expect(installed.version).toBe("3.245.0");
  });

  it("starts each stack with the environment's settings and the secrets still to set, never a secret value", async () => {
    const files = generatedFiles(await shopModel());
    const production = files.get("infra/Pulumi.production.yaml")!;
    expect(production).toContain("shop:replicas: 3");
    expect(production).toContain("shop:ingressHost: api.shop.example.com");
    expect(production).toContain("shop:ingressTls: true");
    expect(production).toContain("shop:infrastructure: in-cluster");
    expect(production).toContain("shop:imageTag: 1.0.0");
    expect(production).toContain("pulumi config set --secret jwtSecret <value> -s production");
    expect(production).not.toContain("secure:");
    expect(files.get("infra/Pulumi.dev.yaml")).not.toContain("ingressHost");
  });
});

describe("infra generator: stack files are the user's", () => {
  const settings = [
    ["imageTag", "1.0.0"],
    ["replicas", 3],
    ["ingressHost", "api.shop.example.com"],
  ] as const;

  it("adds settings the spec introduced, keeping everything else, secrets included", () => {
    const existing = "config:\n  shop:imageTag: 2.4.1\n  shop:jwtSecret:\n    secure: v1:abc\nencryptionsalt: v1:xyz\n";
    const merged = mergeStackConfig(existing, "infra/Pulumi.production.yaml", "shop", "production", settings);
    expect(merged.content).toContain("shop:imageTag: 2.4.1");
    expect(merged.content).toContain("secure: v1:abc");
    expect(merged.content).toContain("encryptionsalt: v1:xyz");
    expect(merged.content).toContain("shop:replicas: 3");
    expect(merged.notes).toEqual([]);
  });

  it("never changes a value, but notes where the file and the spec disagree (not for the image tag)", () => {
    const existing = "config:\n  shop:imageTag: 2.4.1\n  shop:replicas: 5\n  shop:ingressHost: api.shop.example.com\n";
    const merged = mergeStackConfig(existing, "infra/Pulumi.production.yaml", "shop", "production", settings);
    expect(merged.content).toBe(existing);
    expect(merged.notes).toEqual([
      "infra/Pulumi.production.yaml keeps shop:replicas: 5 where the spec says 3; `pulumi config set replicas 3 -s production` follows the spec",
    ]);
  });

  it("leaves a file it cannot read alone", () => {
    const merged = mergeStackConfig("config: [", "infra/Pulumi.dev.yaml", "shop", "dev", settings);
    expect(merged.content).toBe("config: [");
    expect(merged.notes[0]).toContain("not a readable stack file");
  });

  it("gives the stack settings of each environment", async () => {
    const architecture = describeInfra(await shopModel());
    expect(stackSettings(architecture, "dev")).toEqual([
      ["imageTag", "1.0.0"],
      ["infrastructure", "in-cluster"],
      ["replicas", 1],
    ]);
  });
});

describe("infra generator: architecture.json", () => {
  it("derives the runtime's variables: ports, service and external URLs, LOG_LEVEL", async () => {
    const architecture = describeInfra(await shopModel());
    const orders = architecture.services.find((s) => s.id === "orders")!;
    expect(orders.env).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "PAYMENTS_URL", value: "http://payments:3004" },
      { name: "PORT", value: String(orders.port) },
      { name: "PRODUCTS_URL", value: "http://products:3002" },
    ]);
    expect(architecture.gateway?.env.map((e) => e.name)).toEqual([
      "LOG_LEVEL",
      "NOTIFICATIONS_URL",
      "ORDERS_URL",
      "PAYMENTS_URL",
      "PORT",
      "PRODUCTS_URL",
      "USERS_URL",
    ]);
    expect(architecture.gateway?.jwt).toEqual({ env: "JWT_SECRET", config: "jwtSecret" });
    expect(architecture.services.find((s) => s.id === "users")?.jwt).toEqual({
      env: "JWT_SECRET",
      config: "jwtSecret",
    });
    expect(architecture.services.find((s) => s.id === "orders")?.jwt).toBeNull();
    expect(architecture.externals.map((x) => [x.id, x.env, x.port])).toEqual([
      ["paymentGateway", "EXTERNAL_PAYMENT_GATEWAY_URL", 443],
      ["emailProvider", "EXTERNAL_EMAIL_PROVIDER_URL", 587],
      ["smsProvider", "EXTERNAL_SMS_PROVIDER_URL", 443],
    ]);
  });

  it("gives each service with postgres or document stores one database, and each cache store one Redis", async () => {
    const architecture = describeInfra(await shopModel());
    expect(architecture.databases.map((d) => [d.name, d.stores])).toEqual([
      ["users-postgres", ["usersDb"]],
      ["products-postgres", ["catalog", "inventoryDb"]],
      ["orders-postgres", ["ordersDb", "reportingDb"]],
      ["payments-postgres", ["paymentsDb"]],
      ["notifications-postgres", ["notificationsDb"]],
    ]);
    expect(architecture.caches.map((c) => [c.name, c.clients])).toEqual([
      ["cache-redis", ["products", "users"]],
      ["gateway-redis", ["gateway"]],
    ]);
  });

  it("lists each topic with its dead-letter topic, partitions and retention", async () => {
    expect(describeInfra(await shopModel()).kafka).toBeNull();
    const kafka = describeInfra(kafkaShopModel()).kafka!;
    expect(kafka.topics).toHaveLength(20);
    expect(kafka.topics.find((t) => t.topic === "products.low-stock")).toMatchObject({
      partitions: 3,
      retentionMs: 3 * 86_400_000,
      deadLetter: false,
    });
    expect(kafka.topics.find((t) => t.topic === "products.low-stock.dlq")).toMatchObject({
      partitions: 3,
      deadLetter: true,
    });
  });

  it("omits the gateway, Kafka and stores a spec does not have", () => {
    const architecture = describeInfra(tinyModel());
    expect(architecture.gateway).toBeNull();
    expect(architecture.kafka).toBeNull();
    expect(architecture.rabbitmq).toBeNull();
    expect(architecture.databases).toEqual([]);
    expect(architecture.caches).toEqual([]);
    expect(architecture.requiredConfig.map((c) => c.key)).toEqual(["identitySecret"]);
    expect(architecture.services[0]).toMatchObject({
      name: "hello",
      callers: [],
      calls: [],
      database: null,
      cache: null,
      broker: null,
    });
  });
});

describe("infra generator: PodDisruptionBudget rule", () => {
  it("allows fewer pods down the higher the availability target", () => {
    expect(disruptionFor(99.99).maxUnavailable).toBe(1);
    expect(disruptionFor(99.9).maxUnavailable).toBe(1);
    expect(disruptionFor(99.5).maxUnavailable).toBe("25%");
    expect(disruptionFor(99).maxUnavailable).toBe("25%");
    expect(disruptionFor(95).maxUnavailable).toBe("50%");
    expect(disruptionFor(null).maxUnavailable).toBe("50%");
  });
});

describe("infra generator: the runtime's variable names", () => {
  it("names service and external URLs as the runtime's clients read them", async () => {
    const runtime = { urlVariable };
    const architecture = describeInfra(await shopModel());
    for (const external of architecture.externals)
      expect(external.env).toBe(runtime.urlVariable("external", external.id));
    for (const w of [architecture.gateway!, ...architecture.services]) {
      for (const e of w.env.filter((v) => v.name.endsWith("_URL"))) {
        const id = (await shopModel()).services.find((s) => runtime.urlVariable("service", s.id) === e.name)?.id;
        expect(id, e.name).toBeDefined();
        expect(e.value).toBe(`http://${id}:${(await shopModel()).services.find((s) => s.id === id)!.port}`);
      }
    }
  });
});

describe("infra generator: through the writer", () => {
  it("writes infra/, changes nothing the second time, and keeps the stack file's secrets on regeneration", async () => {
    const root = await mkdtemp(join(tmpdir(), "archkit-infra-writer-"));
    try {
      const set = infraGenerator.generate(computeModel(await shopModel()));
      await applyPlan(await planFileSets(root, [set]));
      expect(isUpToDate(await planFileSets(root, [set]))).toBe(true);
      const stack = join(root, "infra", "Pulumi.production.yaml");
      const edited = `${await readFile(stack, "utf8")}  shop:jwtSecret:\n    secure: v1:AAAABBBB\n`;
      await writeFile(stack, edited);
      const plan = await planFileSets(root, [set]);
      expect(plan.changes.filter((c) => c.kind !== "unchanged")).toEqual([]);
      await applyPlan(plan);
      expect(await readFile(stack, "utf8")).toBe(edited);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
