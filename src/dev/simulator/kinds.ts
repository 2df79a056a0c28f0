import type { External } from "../../model/index.js";

/** How the simulator answers for an external: the behaviour it plays. */
export type SimulatedKind = "payment" | "email" | "sms" | "generic";

const PATTERNS: readonly { readonly kind: SimulatedKind; readonly pattern: RegExp }[] = [
  { kind: "payment", pattern: /payment|card|charge|billing/ },
  { kind: "sms", pattern: /\bsms|text message/ },
  { kind: "email", pattern: /e-?mail|\bmail|smtp/ },
];

/**
 * The behaviour an external gets: `smtp` externals are email services; otherwise its id and title
 * decide, then its description (payment, SMS and email words); anything else is `generic`.
 *
 * @example
 * simulatedKind(model.externals.find((x) => x.id === "paymentGateway")!) // "payment"
 */
export function simulatedKind(external: External): SimulatedKind {
  if (external.protocol.toLowerCase() === "smtp") return "email";
  const sources = [`${spaced(external.id)} ${external.title}`, external.description ?? ""];
  for (const source of sources) {
    const text = source.toLowerCase();
    const hit = PATTERNS.find((p) => p.pattern.test(text));
    if (hit) return hit.kind;
  }
  return "generic";
}

/** `paymentGateway` -> `payment Gateway`, so word boundaries work on ids. */
function spaced(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
}
