import { readModelFile } from "archkit/runtime";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually, GatewayClient, type Step } from "./client.js";
import { curlExamples, eventLines, pendingConsumers, stepLine, summarise, walkLine, type EventInfo } from "./report.js";
import { startShop, type RunningShop } from "./system.js";

/**
 * The shop as a new user meets it (`npm start` in the archkit repository): `archkit dev` runs
 * examples/shop on the embedded defaults, then this plays the seeds' flows through the gateway as
 * a client would and shows what happened inside. `--once` stops after the flows, exit 0 when all
 * of them did what the spec says.
 */
const PROJECT = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(PROJECT, "..", "..");
const once = process.argv.includes("--once");
/** `npm start -- --broker amqp://...`: the events go through that broker instead of the embedded one. */
const brokerAt = process.argv.indexOf("--broker");
const broker = brokerAt === -1 ? undefined : process.argv[brokerAt + 1];
const out = (line = "") => process.stdout.write(`${line}\n`);

/** services/model.json is the serialized computed model, read through archkit's checked loader. */
const computed = readModelFile(join(PROJECT, "services", "model.json"));
const model = {
  ...computed.model,
  events: computed.model.events.map(
    (e): EventInfo => ({ id: e.id, producers: computed.publishersOf(e.id), consumers: computed.consumersOf(e.id) }),
  ),
};
const flow = (id: string) => computed.flow(id);

out(`\n▶ ${model.system.title}: starting examples/shop with archkit dev${broker ? ` on ${redacted(broker)}` : ""} …`);
const shop = await startShop(
  join(ROOT, "bin", "archkit.js"),
  PROJECT,
  relative(PROJECT, join(ROOT, "architecture.yaml")),
  broker,
);
out(
  `  ${shop.notices.find((l) => l.includes("ready in"))?.trim() ?? "ready"}  (service logs: ${relative(process.cwd(), shop.logFile)})`,
);
const failures: string[] = [];
const client = new GatewayClient(shop.state.gatewayUrl);
const show = (step: Step) => {
  out(stepLine(step, summarise(step)));
  if (!step.ok) failures.push(`${step.method} ${step.path} answered ${step.status}`);
  return step;
};

out(`\n1. ${flow("userRegistration").title}, through the gateway (${shop.state.gatewayUrl})`);
const customer = flow("userRegistration").example!.body as { email: string; password: string };
const registered = show(await client.call("register", "POST", "/users", 201, customer));
const login = show(
  await client.call("login", "POST", "/auth/login", 200, { email: customer.email, password: customer.password }),
);
if (login.ok) client.signIn(login.body.accessToken);

out("\n2. The catalog");
show(await client.call("catalog", "GET", "/products?limit=10", 200));

out(`\n3. ${flow("orderProcessing").title}`);
const placed = show(await client.call("order", "POST", "/orders", 201, flow("orderProcessing").example!.body));
const orderId: string | undefined = placed.ok ? placed.body.id : undefined;
if (orderId) show(await client.call("order status", "GET", `/orders/${orderId}`, 200));
if (placed.ok && placed.body.status !== "paid") failures.push(`the order is ${placed.body.status}, not paid`);

await showInside(shop, registered.ok ? registered.body.id : undefined, orderId);

out("\nLatency of each step (client side, through the gateway):");
for (const step of client.steps) out(`   ${step.title.padEnd(14)} ${`${step.ms.toFixed(1)} ms`.padStart(9)}`);

if (failures.length > 0) {
  out(`\n✖ ${failures.length} thing(s) did not go as the spec says:\n${failures.map((f) => `   - ${f}`).join("\n")}`);
} else {
  out("\n✔ both flows did what architecture.yaml says");
}

if (once) {
  const code = await shop.stop();
  out(code === 0 ? "✔ stopped cleanly" : `✖ archkit dev exited with ${code}`);
  process.exit(failures.length === 0 && code === 0 ? 0 : 1);
}
out("\nThe shop keeps running; try it (Ctrl-C stops everything):");
for (const line of curlExamples(shop.state.gatewayUrl, client.bearer, shop.state.inspector, orderId)) out(line);
process.on("SIGINT", () => undefined);
const code = await shop.exited;
out(code === 0 ? "✔ stopped cleanly" : `✖ archkit dev exited with ${code}`);
process.exit(code === 0 ? 0 : 1);

/** The events, the order's walk through its state machine and the notifications, once they have all happened. */
async function showInside(
  shop: RunningShop,
  customerId: string | undefined,
  orderId: string | undefined,
): Promise<void> {
  if (broker) {
    out(
      `\nEvents went through ${redacted(broker)}; the inspector lists only the embedded broker's, so the rest shows their effects.`,
    );
  } else await showEvents(shop);
  await showEffects(shop, customerId, orderId);
}

/** The broker's URL without its password. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/** Every event the embedded broker carried, and whether each consumer handled it. */
async function showEvents(shop: RunningShop): Promise<void> {
  const expected = ["UserCreated", "OrderCreated", "PaymentCompleted"];
  const events = await eventually(async () => {
    const all = await shop.events();
    const settled =
      expected.every((type) => all.some((e) => e.type === type)) &&
      all.every((e) => pendingConsumers(e, model.events, model.system.name).length === 0);
    return settled ? all : undefined;
  });
  const seen = events ?? (await shop.events());
  out("\nEvents that flowed (type, topic, producer → each consumer, with the time from publish to handled):");
  for (const line of eventLines(seen, model.events, model.system.name)) out(line);
  for (const type of expected) if (!seen.some((e) => e.type === type)) failures.push(`no ${type} event`);
  for (const event of seen)
    for (const service of pendingConsumers(event, model.events, model.system.name))
      failures.push(`${event.type} was not handled by ${service}`);
}

/** The order's walk and the notifications: what the events did. */
async function showEffects(
  shop: RunningShop,
  customerId: string | undefined,
  orderId: string | undefined,
): Promise<void> {
  out("\nThe order's walk through the Order state machine (from the orders service's log):");
  const moves = (await shop.logs("orders")).filter(
    (r) => r.msg === "order moved" && r.orderId === orderId,
  ) as unknown as { from: string; to: string; event: string }[];
  out(walkLine(moves));
  if (moves.at(-1)?.to !== "paid") failures.push("the order's walk did not end in paid");

  out("\nNotifications sent (read as an admin through the gateway, and what the simulated email provider received):");
  const authorization = `Bearer ${await shop.adminToken()}`;
  const sent = await eventually(async () => {
    const list = (await (
      await fetch(`${shop.state.gatewayUrl}/notifications?recipientId=${customerId}`, { headers: { authorization } })
    ).json()) as { items?: { template: string; channel: string; status: string }[] };
    if (!list.items) return undefined;
    return list.items.some((n) => n.template === "order-confirmation" && n.status === "sent") ? list.items : undefined;
  });
  for (const n of sent ?? []) out(`   ${n.template.padEnd(20)} ${n.channel.padEnd(6)} ${n.status}`);
  for (const mail of await shop.received("emailProvider"))
    out(`   email ${mail.status}: "${String(mail.body.subject)}" to ${String(mail.body.to)}`);
  if (!sent) failures.push("no order confirmation was sent");
}
