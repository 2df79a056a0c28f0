import { NotImplemented } from "archkit/runtime";
import type { Handlers } from "./generated/index.js";

/** notes: fill in each handler. `archkit generate` adds stubs for new endpoints and consumers here and never changes what you wrote. */
export const handlers: Handlers = {
  async addNote(req) {
    throw new NotImplemented("notes.addNote");
  },

  async indexNote(payload, context) {
    throw new NotImplemented("notes.indexNote (consumer of NoteAdded)");
  },
};
