import { valueAt } from "../schema-walk.js";
import { didYouMean } from "../suggest.js";
import type { Rule } from "./context.js";

export const unknownState: Rule = {
  name: "unknown-state",
  check({ model, raw, report }) {
    for (const sm of model.stateMachines) {
      const states = new Set(sm.states);
      const check = (state: string, at: readonly (string | number)[], role: string) => {
        if (states.has(state)) return;
        report("unknownState", [...sm.source, ...at], {
          message: `${role} \`${state}\` is not a state of ${sm.id}`,
          hint: didYouMean(state, sm.states) ?? `declared states: ${sm.states.join(", ")}`,
        });
      };
      check(sm.initial, ["initial"], "initial state");
      sm.final.forEach((s, i) => check(s, ["final", i], "final state"));
      sm.transitions.forEach((t, i) => {
        const fromIsList = Array.isArray(valueAt(raw.data, [...sm.source, "transitions", i, "from"]));
        t.from.forEach((from, j) =>
          check(from, fromIsList ? ["transitions", i, "from", j] : ["transitions", i, "from"], "transition source"),
        );
        check(t.to, ["transitions", i, "to"], "transition target");
      });
    }
  },
};

export const unreachableState: Rule = {
  name: "unreachable-state",
  check({ model, report }) {
    for (const sm of model.stateMachines) {
      if (!sm.states.includes(sm.initial)) continue;
      const reached = new Set([sm.initial]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const t of sm.transitions) {
          if (!reached.has(t.to) && t.from.some((f) => reached.has(f))) {
            reached.add(t.to);
            grew = true;
          }
        }
      }
      sm.states.forEach((state, i) => {
        if (reached.has(state)) return;
        report("unreachableState", [...sm.source, "states", i], {
          message: `state \`${state}\` of ${sm.id} cannot be reached from \`${sm.initial}\``,
          hint: `add a transition \`{ from: ..., to: ${state}, on: ... }\` or remove the state`,
        });
      });
    }
  },
};
