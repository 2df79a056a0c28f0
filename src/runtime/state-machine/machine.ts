import { computeModel } from "../../model/computed/index.js";
import type { Model, StateMachine as StateMachineSpec } from "../../model/index.js";
import { HttpProblem } from "../service/problem.js";

/** A state machine of the spec, as functions. `S` and `E` are the state and event names. */
export interface StateMachine<S extends string = string, E extends string = string> {
  readonly id: string;
  readonly initial: S;
  readonly states: readonly S[];
  readonly final: readonly S[];
  /** Events accepted in each state, in spec order. */
  events(state: S): readonly E[];
  can(state: S, event: E): boolean;
  /** The next state; an undeclared transition throws a 409 `HttpProblem`. */
  transition(state: S, event: E): S;
  /** Declared final, or without any way out. */
  isFinal(state: S): boolean;
}

/**
 * The state machine `id` of the model. Unknown state or event names are programming errors and
 * throw a plain `Error`; a declared event that does not apply in the current state throws a
 * 409 Conflict, ready to be answered as problem+json.
 *
 * @example
 * const order = createStateMachine(model, "Order");
 * order.transition("paid", "ship") // "shipped"
 * order.transition("shipped", "cancel") // throws HttpProblem 409
 */
export function createStateMachine<S extends string = string, E extends string = string>(
  model: Model,
  id: string,
): StateMachine<S, E> {
  const spec = computeModel(model).stateMachine(id);
  if (!spec)
    throw new Error(
      `no state machine "${id}" in the model; state machines: ${model.stateMachines.map((m) => m.id).join(", ") || "none"}`,
    );
  const table = transitionTable(spec);
  const states = new Set(spec.states);
  const events = new Set(spec.transitions.map((t) => t.on));
  const known = (state: string): void => {
    if (!states.has(state)) throw new Error(`${id} has no state "${state}"; states: ${spec.states.join(", ")}`);
  };
  const declared = (event: string): void => {
    if (!events.has(event)) throw new Error(`${id} has no event "${event}"; events: ${[...events].join(", ")}`);
  };
  return {
    id,
    initial: spec.initial as S,
    states: spec.states as readonly S[],
    final: spec.final as readonly S[],
    events(state) {
      known(state);
      return [...(table.get(state)?.keys() ?? [])] as E[];
    },
    can(state, event) {
      known(state);
      declared(event);
      return table.get(state)?.has(event) ?? false;
    },
    transition(state, event) {
      known(state);
      declared(event);
      const next = table.get(state)?.get(event);
      if (next !== undefined) return next as S;
      const allowed = [...(table.get(state)?.keys() ?? [])];
      const hint = allowed.length > 0 ? `allowed from ${state}: ${allowed.join(", ")}` : `${state} is final`;
      throw new HttpProblem(409, "Conflict", `${id} cannot ${event} when ${state} (${hint})`);
    },
    isFinal(state) {
      known(state);
      return spec.final.includes(state) || (table.get(state)?.size ?? 0) === 0;
    },
  };
}

/** state -> event -> next state; the first declared transition wins. */
function transitionTable(spec: StateMachineSpec): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const table = new Map<string, Map<string, string>>(spec.states.map((s) => [s, new Map()]));
  for (const t of spec.transitions) {
    for (const from of t.from) {
      const row = table.get(from);
      if (row && !row.has(t.on)) row.set(t.on, t.to);
    }
  }
  return table;
}
