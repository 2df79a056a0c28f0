/** A transport used in a state that does not allow the operation (stopped, not started, duplicate subscription). */
export class TransportStateError extends Error {
  override readonly name = "TransportStateError";
  constructor(kind: "memory" | "kafka" | "socket" | "rabbitmq", operation: string, reason: string) {
    super(`cannot ${operation} on the ${kind} event transport: ${reason}`);
  }
}
