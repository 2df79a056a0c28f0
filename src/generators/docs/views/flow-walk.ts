import {
  flowBudget,
  type Call,
  type ComputedModel,
  type Consumer,
  type Endpoint,
  type Flow,
} from "../../../model/index.js";
import { successResponse } from "../lookup.js";
import { ids, queueTechnology } from "./view.js";

export interface Participant {
  readonly id: string;
  readonly label: string;
  readonly kind: "actor" | "gateway" | "service" | "external" | "queue";
  readonly technology?: string;
}

/** A synchronous request and what happens while it is served; `budget` is the target's own p95. */
export interface CallStep {
  readonly kind: "call";
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly budget?: number;
  readonly steps: readonly Step[];
  readonly reply: string;
}

export interface PublishStep {
  readonly kind: "publish";
  readonly from: string;
  readonly event: string;
}

export type Step = CallStep | PublishStep;

/** An event handed to one consumer after the response, with what that consumer does. */
export interface Delivery {
  readonly event: string;
  readonly to: string;
  readonly handler: string;
  readonly steps: readonly Step[];
}

export interface FlowWalk {
  readonly flow: Flow;
  readonly participants: readonly Participant[];
  /** The request from the actor, with everything nested inside it. */
  readonly request: CallStep;
  /** Deliveries grouped by event, in the order the events are published (breadth first). */
  readonly deliveries: readonly { readonly event: string; readonly deliveries: readonly Delivery[] }[];
  /** Sum of the p95 budgets on the synchronous chain (the same figure `validate` checks). */
  readonly syncBudget: number;
}

/** The interactions a flow triggers, derived from the entry endpoint's calls, publishes and the event consumers. */
export function walkFlow(computed: ComputedModel, flow: Flow): FlowWalk {
  const model = computed.model;
  const participants = new Map<string, Participant>();
  const see = (p: Participant): string => {
    if (!participants.has(p.id)) participants.set(p.id, p);
    return p.id;
  };
  const actor = flow.actor ? computed.actor(flow.actor) : undefined;
  const from = see({ id: actor ? ids.actor(actor.id) : "a_client", label: actor?.title ?? "Client", kind: "actor" });
  const entry = computed.endpoint(flow.entry);
  const walker = new Walker(computed, see);
  const request =
    entry.public && model.gateway ? walker.viaGateway(from, entry) : walker.endpoint(from, entry, new Set([entry.id]));
  const deliveries = walker.deliveries();
  return {
    flow,
    participants: [...participants.values()],
    request,
    deliveries,
    syncBudget: flowBudget(model, flow).total,
  };
}

class Walker {
  private readonly published: string[] = [];

  constructor(
    private readonly computed: ComputedModel,
    private readonly see: (p: Participant) => string,
  ) {}

  viaGateway(from: string, entry: Endpoint): CallStep {
    const gateway = this.see({ id: ids.gateway(), label: this.computed.model.gateway!.title, kind: "gateway" });
    const inner = this.endpoint(gateway, entry, new Set([entry.id]));
    return {
      kind: "call",
      from,
      to: gateway,
      label: `${entry.method} ${entry.path}`,
      steps: [inner],
      reply: inner.reply,
    };
  }

  endpoint(from: string, endpoint: Endpoint, path: ReadonlySet<string>): CallStep {
    const to = this.seeService(endpoint.service);
    const steps = [...this.calls(to, endpoint.calls, path), ...this.publishes(to, endpoint.publishes)];
    const reply = successResponse(endpoint)?.label ?? "response";
    return {
      kind: "call",
      from,
      to,
      label: `${endpoint.name}: ${endpoint.method} ${endpoint.path}`,
      budget: endpoint.latency.p95,
      steps,
      reply,
    };
  }

  calls(from: string, calls: readonly Call[], path: ReadonlySet<string>): Step[] {
    return calls.flatMap((call): Step[] => {
      if (call.kind === "external") {
        const external = this.computed.external(call.external)!;
        const to = this.see({ id: ids.external(external.id), label: external.title, kind: "external" });
        return [
          {
            kind: "call",
            from,
            to,
            label: `${external.protocol.toUpperCase()} request`,
            budget: external.latency.p95,
            steps: [],
            reply: "response",
          },
        ];
      }
      const target = this.computed.endpointOf(call);
      if (!target || path.has(target.id)) return [];
      return [this.endpoint(from, target, new Set([...path, target.id]))];
    });
  }

  publishes(from: string, events: readonly string[]): Step[] {
    if (events.length === 0) return [];
    this.see({
      id: ids.queue(),
      label: "Message queue",
      kind: "queue",
      technology: queueTechnology(this.computed.model),
    });
    for (const event of events) if (!this.published.includes(event)) this.published.push(event);
    return events.map((event): PublishStep => ({ kind: "publish", from, event }));
  }

  /** Breadth first over published events; each event is followed once, so cycles end. */
  deliveries(): FlowWalk["deliveries"] {
    const groups: { event: string; deliveries: Delivery[] }[] = [];
    for (let i = 0; i < this.published.length; i++) {
      const event = this.published[i]!;
      const deliveries = this.computed.consumersOf(event).map((c) => this.deliver(event, c));
      if (deliveries.length > 0) groups.push({ event, deliveries });
    }
    return groups;
  }

  private deliver(event: string, consumer: Consumer): Delivery {
    const to = this.seeService(consumer.service);
    const steps = [...this.calls(to, consumer.calls, new Set()), ...this.publishes(to, consumer.publishes)];
    return { event, to, handler: consumer.handler, steps };
  }

  private seeService(id: string): string {
    const service = this.computed.service(id).def;
    return this.see({
      id: ids.service(service.id),
      label: service.title,
      kind: "service",
      technology: service.technology,
    });
  }
}
