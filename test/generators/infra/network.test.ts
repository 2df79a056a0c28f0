import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { kafkaShopModel, manifests, render, type Manifest } from "./helpers.js";
import { canConnect as canConnectBy, DNS, type Endpoint, INTERNET, pod } from "./policies.js";

let policies: Manifest[];
let model: Model;

beforeAll(async () => {
  model = kafkaShopModel();
  policies = manifests(await render(model, "production")).filter((m) => m.kind === "NetworkPolicy");
}, 60_000);

const BROKER: Endpoint = {
  namespace: "shop",
  labels: { "strimzi.io/cluster": "shop-kafka", "strimzi.io/kind": "Kafka", "strimzi.io/name": "shop-kafka-kafka" },
};
const portOf = (name: string) => (name === "gateway" ? 3000 : model.services.find((s) => s.id === name)!.port);

const canConnect = (from: Endpoint, to: Endpoint, port: number) => canConnectBy(policies, from, to, port);
const canCall = (from: string, to: string) => canConnect(pod(from), pod(to), portOf(to));

const SERVICES = ["notifications", "orders", "payments", "products", "users"];

describe("NetworkPolicies enforce the declared architecture (the shop on Kafka)", () => {
  it("denies everything by default", () => {
    const deny = policies.find((p) => p.metadata.name === "default-deny")!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(canConnect(pod("orders"), pod("users"), 9999)).toBe(false);
  });

  it("lets the order service reach the product and payment services, and no other", () => {
    expect(canCall("orders", "products")).toBe(true);
    expect(canCall("orders", "payments")).toBe(true);
    expect(canCall("orders", "users")).toBe(false);
    expect(canCall("orders", "notifications")).toBe(false);
    expect(canConnect(pod("orders"), pod("products"), 5432)).toBe(false);
  });

  it("lets the notification service reach no other service, but its store, Kafka, DNS and the internet on 443", () => {
    for (const other of SERVICES.filter((s) => s !== "notifications"))
      expect(canCall("notifications", other), other).toBe(false);
    expect(canConnect(pod("notifications"), pod("notifications-postgres"), 5432)).toBe(true);
    expect(canConnect(pod("notifications"), BROKER, 9092)).toBe(true);
    expect(canConnect(pod("notifications"), DNS, 53)).toBe(true);
    expect(canConnect(pod("notifications"), INTERNET, 443)).toBe(true);
    expect(canConnect(pod("notifications"), INTERNET, 80)).toBe(false);
  });

  it("admits only the gateway to a service that nobody else calls", () => {
    expect(canCall("gateway", "users")).toBe(true);
    for (const other of SERVICES.filter((s) => s !== "users")) expect(canCall(other, "users"), other).toBe(false);
  });

  it("lets products and payments accept the order service and the gateway; notifications only the gateway", () => {
    expect(canCall("orders", "products")).toBe(true);
    expect(canCall("gateway", "products")).toBe(true);
    expect(canCall("users", "products")).toBe(false);
    expect(canCall("orders", "payments")).toBe(true);
    expect(canCall("users", "payments")).toBe(false);
    expect(canCall("gateway", "payments")).toBe(true);
    expect(canCall("gateway", "notifications")).toBe(true);
    expect(canCall("orders", "notifications")).toBe(false);
  });

  it("admits exactly the declared callers to each service (the gateway where it has public endpoints)", () => {
    for (const service of model.services) {
      const callers = new Set(
        model.services
          .filter((s) =>
            [...s.endpoints.flatMap((e) => e.calls), ...s.consumers.flatMap((c) => c.calls)].some(
              (c) => c.kind === "endpoint" && c.service === service.id,
            ),
          )
          .map((s) => s.id as string),
      );
      if (service.endpoints.some((e) => e.public)) callers.add("gateway");
      const admitted = ["gateway", ...SERVICES].filter((from) => from !== service.id && canCall(from, service.id));
      expect(admitted.sort(), service.id).toEqual([...callers].sort());
    }
  });

  it("lets only services that call externals out to the internet", () => {
    expect(canConnect(pod("payments"), INTERNET, 443)).toBe(true);
    for (const name of ["orders", "products", "users", "gateway"])
      expect(canConnect(pod(name), INTERNET, 443), name).toBe(false);
  });

  it("keeps each store to its own services", () => {
    expect(canConnect(pod("users"), pod("users-postgres"), 5432)).toBe(true);
    expect(canConnect(pod("users"), pod("orders-postgres"), 5432)).toBe(false);
    expect(canConnect(pod("products"), pod("cache-redis"), 6379)).toBe(true);
    expect(canConnect(pod("orders"), pod("cache-redis"), 6379)).toBe(false);
    expect(canConnect(pod("gateway"), pod("gateway-redis"), 6379)).toBe(true);
    expect(canConnect(pod("gateway"), pod("cache-redis"), 6379)).toBe(false);
    expect(canConnect(pod("gateway"), BROKER, 9092)).toBe(false);
  });

  it("lets the gateway be reached from anywhere on its port only", () => {
    expect(canConnect(INTERNET, pod("gateway"), 3000)).toBe(true);
    expect(canConnect(INTERNET, pod("gateway"), 22)).toBe(false);
    expect(canConnect(INTERNET, pod("orders"), 3003)).toBe(false);
  });
});
