import { orderMachine, type OrderEvent, type OrderState } from "./generated/index.js";
import type { Step } from "./order-store.js";

/**
 * An order's way through the Order state machine of the spec: every move goes through the
 * generated machine (an undeclared move throws a 409 problem) and is remembered as a step.
 *
 * @example
 * const walk = new Walk(); walk.go("validate"); walk.go("reserve"); walk.state // "reserved"
 */
export class Walk {
  private current: OrderState;
  private readonly taken: Step[] = [];

  constructor(state: OrderState = orderMachine.initial) {
    this.current = state;
  }

  get state(): OrderState {
    return this.current;
  }

  /** Steps taken since the last `flush`. */
  flush(): Step[] {
    return this.taken.splice(0);
  }

  go(event: OrderEvent): Step {
    const step = { from: this.current, to: orderMachine.transition(this.current, event), event };
    this.current = step.to;
    this.taken.push(step);
    return step;
  }
}
