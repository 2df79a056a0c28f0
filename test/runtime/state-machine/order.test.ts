import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/model/index.js";
import { HttpProblem } from "../../../src/runtime/service/index.js";
import { createStateMachine, type StateMachine } from "../../../src/runtime/state-machine/index.js";
import { shopModel } from "../service/helpers.js";

type State = "created" | "validated" | "reserved" | "paid" | "shipped" | "failed" | "expired" | "cancelled";
type Event = "validate" | "reserve" | "pay" | "ship" | "error" | "timeout" | "cancel" | "retry";

let model: Model;
let order: StateMachine<State, Event>;
beforeAll(async () => {
  model = await shopModel();
  order = createStateMachine<State, Event>(model, "Order");
});

function conflict(fn: () => unknown): HttpProblem {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpProblem);
    return error as HttpProblem;
  }
  throw new Error("expected an HttpProblem");
}

describe("the shop's Order state machine", () => {
  it("starts in created and walks the happy path to shipped", () => {
    expect(order.initial).toBe("created");
    const path: Event[] = ["validate", "reserve", "pay", "ship"];
    const states = path.reduce<State[]>(
      (visited, event) => [...visited, order.transition(visited.at(-1)!, event)],
      [order.initial],
    );
    expect(states).toEqual(["created", "validated", "reserved", "paid", "shipped"]);
  });

  it("takes transitions declared from several states", () => {
    expect(["created", "validated", "reserved"].map((s) => order.transition(s as State, "error"))).toEqual([
      "failed",
      "failed",
      "failed",
    ]);
    expect(order.transition("paid", "cancel")).toBe("cancelled");
    expect(order.transition("expired", "retry")).toBe("created");
    expect(order.transition("reserved", "timeout")).toBe("expired");
  });

  it("rejects an undeclared transition with a 409 naming what is allowed", () => {
    const shipped = conflict(() => order.transition("shipped", "cancel"));
    expect(shipped).toMatchObject({
      status: 409,
      title: "Conflict",
      detail: "Order cannot cancel when shipped (shipped is final)",
    });
    const paid = conflict(() => order.transition("paid", "pay"));
    expect(paid.detail).toBe("Order cannot pay when paid (allowed from paid: ship, cancel)");
    expect(paid.toProblem()).toMatchObject({ status: 409, type: "about:blank" });
  });

  it("answers can() and events() without throwing", () => {
    expect(order.can("created", "validate")).toBe(true);
    expect(order.can("created", "ship")).toBe(false);
    expect(order.events("reserved")).toEqual(["pay", "error", "timeout", "cancel"]);
    expect(order.events("cancelled")).toEqual([]);
  });

  it("knows the final states: declared ones and those without a way out", () => {
    expect(order.states.filter((s) => order.isFinal(s))).toEqual(["shipped", "cancelled"]);
    expect(order.isFinal("failed")).toBe(false);
  });

  it("treats unknown names as programming errors, not conflicts", () => {
    expect(() => order.transition("lost" as State, "pay")).toThrow(
      'Order has no state "lost"; states: created, validated',
    );
    expect(() => order.can("paid", "refund" as Event)).toThrow('Order has no event "refund"');
    expect(() => createStateMachine(model, "Invoice")).toThrow(
      'no state machine "Invoice" in the model; state machines: Order',
    );
  });
});
