import { didYouMean } from "../../model/suggest.js";
import { ArchkitError } from "../../model/errors.js";

/** Errors of the event bus a user (the spec's author or a handler's author) can cause; messages say what and where. */

/** `publish` of an event the model does not declare, or that this service does not publish. */
export class UndeclaredEventError extends ArchkitError {
  override readonly name = "UndeclaredEventError";
  override readonly code = "undeclared-event";
  constructor(
    readonly event: string,
    readonly service: string,
    message: string,
  ) {
    super(message);
  }

  static unknown(event: string, service: string, file: string, known: readonly string[]): UndeclaredEventError {
    const hint = didYouMean(event, known) ?? `declared events: ${names(known)}`;
    return UndeclaredEventError.cannotPublish(
      event,
      service,
      `no event ${event} is declared under events: in ${file}; ${hint}`,
    );
  }

  static notPublished(
    event: string,
    service: string,
    file: string,
    publishes: readonly string[],
  ): UndeclaredEventError {
    return UndeclaredEventError.cannotPublish(
      event,
      service,
      `it is not in the publishes: list of any endpoint or consumer of services.${service} in ${file} (service ${service} publishes ${names(publishes)})`,
    );
  }

  static notPublishedBy(
    event: string,
    service: string,
    handler: string,
    file: string,
    publishes: readonly string[],
  ): UndeclaredEventError {
    return UndeclaredEventError.cannotPublish(
      event,
      service,
      `handler ${handler} does not list it under publishes: in services.${service} of ${file} (${handler} publishes ${names(publishes)})`,
    );
  }

  private static cannotPublish(event: string, service: string, why: string): UndeclaredEventError {
    return new UndeclaredEventError(event, service, `cannot publish ${event} from service ${service}: ${why}`);
  }
}

/** A payload that does not match its event's schema, on publish or on receipt. */
export class InvalidPayloadError extends ArchkitError {
  override readonly name = "InvalidPayloadError";
  override readonly code = "invalid-payload";
  constructor(
    readonly event: string,
    readonly schema: string,
    readonly problems: readonly string[],
    where: string,
  ) {
    super(`invalid ${event} payload ${where} (schema ${schema}): ${problems.join("; ")}`);
  }
}

/** A bus set up in a way that cannot work: unknown service, missing handlers, outbox use without a database. */
export class EventBusConfigError extends ArchkitError {
  override readonly name = "EventBusConfigError";
  override readonly code = "event-bus-config";
}

function names(list: readonly string[]): string {
  return list.length === 0 ? "nothing" : list.join(", ");
}
