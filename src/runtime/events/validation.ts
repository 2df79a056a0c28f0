import type { ErrorObject, ValidateFunction } from "ajv";
import type { Event, Model } from "../../model/index.js";
import { runtimeAjv } from "../../model/ajv.js";

/** Checks one event's payloads; compiled once when the bus is created. */
export interface PayloadValidator {
  readonly event: string;
  /** The schema's name, or `inline`. */
  readonly schema: string;
  /** The problems with a payload, one readable line each (`payload.total.amount must be number`); empty when valid. */
  check(payload: unknown): readonly string[];
}

/**
 * Compiles a validator for each of the given events with the model's `event` ajv instance: the
 * same options and formats as HTTP requests and responses.
 *
 * @example
 * const validators = compileValidators(model, model.events.filter((e) => e.id === "OrderCreated"));
 * validators.get("OrderCreated")!.check({ orderId: "x" }); // ["payload.orderId must match format \"uuid\"", ...]
 */
export function compileValidators(model: Model, events: Iterable<Event>): Map<string, PayloadValidator> {
  const ajv = runtimeAjv(model).event;
  const validators = new Map<string, PayloadValidator>();
  for (const event of events) {
    const use = event.schema;
    const validate: ValidateFunction =
      use.kind === "named" ? (ajv.getSchema(use.name) ?? ajv.compile({ $ref: use.name })) : ajv.compile(use.schema);
    validators.set(event.id, {
      event: event.id,
      schema: use.kind === "named" ? use.name : "inline",
      check: (payload) => (validate(payload) ? [] : describeErrors(validate.errors ?? [])),
    });
  }
  return validators;
}

/**
 * ajv errors as `payload.<path> ...` lines naming the failing field.
 *
 * @example
 * describeErrors(validate.errors ?? []); // ["payload.total is required", "payload.lines[0].sku must be string"]
 */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  const lines = errors.map((error) => {
    const at = fieldPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case "required":
        return `${at}.${String(params.missingProperty)} is required`;
      case "additionalProperties":
        return `${at}.${String(params.additionalProperty)} is not allowed`;
      default:
        return `${at} ${error.message ?? `fails ${error.keyword}`}`;
    }
  });
  return [...new Set(lines)];
}

function fieldPath(pointer: string): string {
  const segments = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment)
        ? `${path}[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${path}.${segment}`
          : `${path}[${JSON.stringify(segment)}]`,
    "payload",
  );
}
