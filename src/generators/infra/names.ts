import { kebabCase } from "../../model/index.js";

/** Kubernetes object name of a spec id: `paymentGateway` -> `payment-gateway`. */
export function k8sName(id: string): string {
  return kebabCase(id);
}

/**
 * `SCREAMING_SNAKE_CASE` of an id, as the runtime names its variables:
 * `paymentGateway` -> `PAYMENT_GATEWAY`.
 */
export function envName(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/** The variable with a service's base URL: `products` -> `PRODUCTS_URL`. */
export function serviceUrlVariable(id: string): string {
  return `${envName(id)}_URL`;
}

/** The variable with an external's base URL: `paymentGateway` -> `EXTERNAL_PAYMENT_GATEWAY_URL`. */
export function externalUrlVariable(id: string): string {
  return `EXTERNAL_${envName(id)}_URL`;
}

/** A stack setting named after an environment variable: `JWT_SECRET` -> `jwtSecret`. */
export function configKeyOfVariable(variable: string): string {
  const words = variable
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.map((w, i) => (i === 0 ? w : `${w[0]!.toUpperCase()}${w.slice(1)}`)).join("");
}

/** A PostgreSQL identifier for a service id: `orderHistory` -> `order_history`. */
export function sqlName(id: string): string {
  return kebabCase(id).replace(/-/g, "_");
}

/** A Kubernetes object name for a Kafka topic: lower case, only `a-z 0-9 . -`. */
export function topicObjectName(topic: string): string {
  const cleaned = topic
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return cleaned.slice(0, 253) || "topic";
}

export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique values, sorted. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byText);
}
