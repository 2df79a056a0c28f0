import { describe } from "vitest";
import { openDatabase } from "../../../src/runtime/db/index.js";
import { databaseContract } from "./contract.js";

describe("database contract: PGlite (pglite://memory)", () => {
  databaseContract({ open: () => openDatabase("pglite://memory") }, "pglite");
});
