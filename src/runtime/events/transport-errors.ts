import { ArchkitError } from "../../model/errors.js";
/** A transport used in a state that does not allow the operation (stopped, not started, duplicate subscription). */
export class TransportStateError extends ArchkitError {
  override readonly name = "TransportStateError";
  override readonly code = "transport-state";
  override readonly exitCode = 2;
  constructor(kind: "memory" | "kafka" | "socket" | "rabbitmq", operation: string, reason: string) {
    super(`cannot ${operation} on the ${kind} event transport: ${reason}`);
  }
}
