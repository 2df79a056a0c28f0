import { describe } from "vitest";
import { openDatabase } from "../../../src/runtime/db/index.js";
import { createTestDatabase, postgresServer, suiteTitle, type TestDatabase } from "../servers.js";
import { databaseContract } from "./contract.js";

const server = await postgresServer();

describe.skipIf(!server.ok)(suiteTitle("database contract: PostgreSQL (postgres://)", server), () => {
  let database: TestDatabase | undefined;
  databaseContract(
    {
      async open() {
        if (!server.ok) throw new Error(server.reason);
        database = await createTestDatabase(server.url);
        return openDatabase(database.url);
      },
      dispose: () => database?.drop() ?? Promise.resolve(),
    },
    "postgres",
  );
});
