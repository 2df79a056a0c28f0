import { withExamples } from "archkit/runtime";
import { EXAMPLE_FIXTURES, type NotesFixtures } from "./generated/fixtures.js";

/**
 * Seed data of notes, typed by its Database: loaded by `archkit dev --seed`, by the contract tests
 * and by any start with ARCHKIT_FIXTURES=1; rows already there are skipped. A table or collection
 * left out gets the example rows of generated/fixtures.ts, `[]` keeps it empty. `events` holds a
 * payload per consumed event that speaks of these rows, fed to the consumer by the contract tests;
 * `requests` holds requests about these rows per endpoint, each with the status it must get
 * (`{ params: { orderId: "…" }, user: "…", status: 200 }`), which the contract tests send.
 */
export const fixtures: NotesFixtures = withExamples(EXAMPLE_FIXTURES, {
  tables: {},
  documents: {},
  events: {},
  requests: {},
});
