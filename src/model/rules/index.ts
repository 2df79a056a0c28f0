import { callCycle, flowBudgetExceeded } from "./calls.js";
import type { Rule } from "./context.js";
import { duplicateTopic, eventKey, eventWithoutConsumer, eventWithoutProducer, missingDeadLetter } from "./events.js";
import { generatedNameClash, reservedVariable } from "./generated-names.js";
import { invalidJsonSchema } from "./json-schema.js";
import { dataLossMigration } from "./migrations.js";
import {
  duplicatePort,
  duplicateRoute,
  gatewayRequired,
  handlerClash,
  invalidRange,
  pathParameter,
} from "./services.js";
import { schemaRefCycle } from "./schema-cycles.js";
import { unenforcedSecurityClaim } from "./security-claims.js";
import { unknownState, unreachableState } from "./state-machines.js";
import { columnReference, sharedStore, unusedStore } from "./stores.js";

/** Every model rule, in the order their diagnostics are listed when positions tie. */
export const MODEL_RULES: readonly Rule[] = [
  duplicateRoute,
  pathParameter,
  handlerClash,
  gatewayRequired,
  duplicatePort,
  invalidRange,
  callCycle,
  flowBudgetExceeded,
  eventWithoutProducer,
  eventWithoutConsumer,
  missingDeadLetter,
  eventKey,
  duplicateTopic,
  sharedStore,
  unusedStore,
  columnReference,
  unknownState,
  unreachableState,
  invalidJsonSchema,
  schemaRefCycle,
  unenforcedSecurityClaim,
  generatedNameClash,
  reservedVariable,
  dataLossMigration,
];

export { runRules } from "./context.js";
export type { Rule, RuleContext } from "./context.js";
export { flowBudget } from "./calls.js";
export type { BudgetHop, FlowBudget } from "./calls.js";
export { schemaUses } from "./json-schema.js";
