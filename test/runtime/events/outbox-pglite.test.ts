import { describe } from "vitest";
import { openDatabase } from "../../../src/runtime/db/index.js";
import { outboxContract } from "./outbox-contract.js";

describe("outbox and idempotent consumers: PGlite", () => {
  outboxContract({
    async open() {
      const handle = await openDatabase("pglite://memory");
      return { first: handle, second: { ...handle, close: async () => undefined } };
    },
  });
});
