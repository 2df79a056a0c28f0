import type { Step } from "./client.js";
import type { EventRecord } from "./system.js";

/** What the model says about an event: who publishes it. */
export interface EventInfo {
  readonly id: string;
  readonly producers: readonly { readonly service: string }[];
  readonly consumers: readonly { readonly service: string }[];
}

/** The consumers of an event that have not handled it yet (a delivery that succeeded), by service. */
export function pendingConsumers(event: EventRecord, infos: readonly EventInfo[], system: string): string[] {
  const consumers = infos.find((i) => i.id === event.type)?.consumers ?? [];
  return consumers
    .map((c) => c.service)
    .filter((service) => !event.deliveries.some((d) => d.ok && d.group === `${system}.${service}`));
}

const short = (id: string): string => id.slice(0, 8);

/** `POST /orders   201   62.1 ms  order 1a2b3c4d: paid, 62.3 EUR` */
export function stepLine(step: Step, summary: string): string {
  const mark = step.ok ? "✔" : "✖";
  const request = `${step.method.padEnd(4)} ${step.path.replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, "$1…")}`;
  return `   ${mark} ${request.padEnd(30)} ${String(step.status).padStart(3)}  ${`${step.ms.toFixed(1)} ms`.padStart(9)}  ${summary}`;
}

export function summarise(step: Step): string {
  const body = step.body ?? {};
  if (!step.ok) return `expected another answer: ${body.detail ?? JSON.stringify(body)}`;
  if (step.path === "/users") return `user ${short(body.id)}: ${body.name} <${body.email}> (${body.role})`;
  if (step.path === "/auth/login") return `${body.tokenType} token, valid for ${body.expiresIn} s`;
  if (step.path.startsWith("/products"))
    return `${body.total} products: ${body.items.map((p: any) => `${p.name} (${p.available} in stock)`).join(", ")}`;
  if (step.path.startsWith("/orders"))
    return `order ${short(body.id)}: ${body.status}, ${body.total.amount.toFixed(2)} ${body.total.currency}, ${body.items.length} lines`;
  return JSON.stringify(body).slice(0, 80);
}

/** `OrderCreated  orders.order-created  orders → notifications ✔ 4.1 ms, products ✔ 5.0 ms` */
export function eventLines(events: readonly EventRecord[], infos: readonly EventInfo[], system: string): string[] {
  const typeWidth = Math.max(...events.map((e) => e.type.length), 4);
  const topicWidth = Math.max(...events.map((e) => e.topic.length), 5);
  return events.map((event) => {
    const producer =
      infos
        .find((i) => i.id === event.type)
        ?.producers.map((p) => p.service)
        .join(", ") ?? "?";
    const deliveries = event.deliveries
      .map((d) => `${d.group.replace(`${system}.`, "")} ${d.ok ? "✔" : "✖ (retried)"} ${d.ms.toFixed(1)} ms`)
      .join(", ");
    return `   ${event.type.padEnd(typeWidth)}  ${event.topic.padEnd(topicWidth)}  ${producer} → ${deliveries || "no consumer"}`;
  });
}

/** The order's moves, from the orders service's `order moved` log lines: `created --validate--> validated ...` */
export function walkLine(
  moves: readonly { readonly from: string; readonly to: string; readonly event: string }[],
): string {
  if (moves.length === 0) return "   (no move was logged)";
  return `   ${moves[0]!.from}${moves.map((m) => ` --${m.event}--> ${m.to}`).join("")}`;
}

export function curlExamples(
  gatewayUrl: string,
  token: string | undefined,
  inspector: string,
  orderId: string | undefined,
): string[] {
  const auth = token ? ` -H "authorization: Bearer $TOKEN"` : "";
  return [
    ...(token ? [`   TOKEN=${token}`] : []),
    `   curl -s ${gatewayUrl}/products`,
    `   curl -s "${gatewayUrl}/products/search?q=notebook"`,
    `   curl -s${auth} ${gatewayUrl}/orders`,
    ...(orderId ? [`   curl -s${auth} ${gatewayUrl}/orders/${orderId}`] : []),
    `   curl -s${auth} -H "content-type: application/json" -d '{"items":[{"productId":"9b1d4e27-5c3a-4f8b-8e21-6a0c7d3f5b02","quantity":1}],"shippingAddress":{"line1":"1 Main St","city":"London","postalCode":"N1 9GU","country":"GB"},"paymentMethod":{"type":"card","token":"tok_declined"}}' ${gatewayUrl}/orders`,
    `   curl -s ${inspector}/events        # every event and its deliveries`,
  ];
}
