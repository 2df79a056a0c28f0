import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { sql } from "kysely";
import { fetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../src/runtime/contracts.js";
import { classifyDatabaseError, openDatabase } from "../../../src/runtime/db/index.js";
import { createService, MAX_BODY_DEPTH, type HandlerMap } from "../../../src/runtime/service/index.js";
import { createTestDatabase, postgresServer, suiteTitle, type TestDatabase } from "../servers.js";
import { expectProblem, Hosts, memoryLogger, specModel } from "./helpers.js";

const SPEC = `archkit: 1
system: { name: hostile, title: Hostile }
services:
  things:
    endpoints:
      createThing:
        method: POST
        path: /things
        request:
          body:
            type: object
            properties: { name: { type: string }, count: { type: integer }, ref: { type: string }, extra: {} }
        responses: { 201: { type: object } }
      getThing:
        method: GET
        path: /things/{id}
        request: { params: { id: { type: string } }, query: { n: { type: integer } } }
        responses: { 200: { type: object } }
`;

const model = specModel(SPEC);
const hosts = new Hosts();
afterEach(() => hosts.closeAll());

/** Stores what it is sent as it is: whatever the database refuses reaches the error handler. */
function handlers(db: DatabaseHandle): HandlerMap {
  return {
    createThing: async ({ body }) => {
      const { name = "n", count = 0, ref = "00000000-0000-4000-8000-000000000000" } = body as Record<string, unknown>;
      await sql`insert into things (name, count, ref) values (${name}, ${count}, ${ref}::uuid)`.execute(db.db);
      return { status: 201, body: {} };
    },
    getThing: async ({ params }) => ({ status: 200, body: { id: params.id } }),
  };
}

async function things(db: DatabaseHandle) {
  const log = memoryLogger();
  const host = createService({ model, service: "things" }, handlers(db), { logger: log.logger });
  return { url: await hosts.start(host), log };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/things`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** The same table on PGlite and on PostgreSQL: an integer, a text with a unique index, a uuid. */
async function prepare(db: DatabaseHandle): Promise<void> {
  await sql`create table things (name text unique, count integer, ref uuid)`.execute(db.db);
}

function databaseCases(open: () => Promise<DatabaseHandle>) {
  let db: DatabaseHandle;
  beforeAll(async () => {
    db = await open();
    await prepare(db);
  });
  afterAll(() => db?.close());

  it.each([
    ["a value beyond the column's type", { name: "big", count: 3_000_000_000 }, 400, "/body/count", /out of range/],
    ["a malformed uuid", { name: "uuid", ref: "not-a-uuid" }, 400, "/body/ref", /uuid/],
    ["a value too large for a btree index", { name: "x".repeat(300_000) }, 422, "/body", /index row|exceeds/],
  ])("%s is a problem+json 4xx naming the field", async (_what, body, status, pointer, message) => {
    const { url, log } = await things(db);
    const problem = await expectProblem(await post(url, JSON.stringify(body)), status);
    const errors = problem.errors as { pointer: string; message: string }[];
    expect(errors.map((e) => e.pointer)).toContain(pointer);
    expect(errors.map((e) => e.message).join(" ")).toMatch(message);
    expect(log.lines().filter((l) => l.level === 50)).toEqual([]);
  });

  it("a duplicate of a unique value is a 409", async () => {
    const { url } = await things(db);
    expect((await post(url, JSON.stringify({ name: "twice" }))).status).toBe(201);
    await expectProblem(await post(url, JSON.stringify({ name: "twice" })), 409);
  });

  it("classifies the database's own errors, and only those caused by values", async () => {
    const failure = (text: string) =>
      sql
        .raw(text)
        .execute(db.db)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
    expect(classifyDatabaseError(await failure("select 'abc'::integer"))).toMatchObject({
      kind: "invalid-value",
      code: "22P02",
      value: "abc",
    });
    expect(classifyDatabaseError(await failure("select 99999999999::integer"))).toMatchObject({
      kind: "invalid-value",
      code: "22003",
    });
    expect(classifyDatabaseError(await failure("select * from no_such_table"))).toBeUndefined();
    expect(classifyDatabaseError(new Error('value "1" is out of range'))).toBeUndefined();
  });
}

describe("hostile input against a service on PGlite", () => {
  databaseCases(() => openDatabase("pglite://memory"));
});

const server = await postgresServer();
describe.skipIf(!server.ok)(suiteTitle("hostile input against a service on PostgreSQL", server), () => {
  let database: TestDatabase | undefined;
  afterAll(() => database?.drop());
  databaseCases(async () => {
    if (!server.ok) throw new Error(server.reason);
    database = await createTestDatabase(server.url);
    return openDatabase(database.url);
  });
});

describe("hostile input refused before any handler or database", () => {
  let db: DatabaseHandle;
  beforeAll(async () => {
    db = await openDatabase("pglite://memory");
    await prepare(db);
  });
  afterAll(() => db?.close());

  it.each([
    ["a NUL in a string", '{"name":"a\\u0000b"}', "/body/name"],
    ["a NUL in a key", '{"extra":{"a\\u0000":1}}', "/body/extra/a\u0000"],
    ["a lone surrogate in a string", '{"name":"a\\ud800b"}', "/body/name"],
    ["a lone low surrogate in a key", '{"extra":{"\\udc00":1}}', "/body/extra/\udc00"],
    ["an integer beyond 2^53", '{"count":9007199254740993}', "/body/count"],
    ["a number beyond a double", '{"extra":1e400}', "/body/extra"],
  ])("%s is a 400 naming the field", async (_what, body, pointer) => {
    const { url } = await things(db);
    const problem = await expectProblem(await post(url, body), 400);
    expect((problem.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
  });

  it(`a body nested deeper than ${MAX_BODY_DEPTH} levels is a 400, however deep`, async () => {
    const { url } = await things(db);
    for (const depth of [MAX_BODY_DEPTH + 1, 100_000]) {
      const body = `{"extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
      const problem = await expectProblem(await post(url, body), 400);
      expect(problem.detail).toMatch(/nests deeper/);
    }
    expect(
      (await post(url, `{"extra":${"[".repeat(MAX_BODY_DEPTH - 1)}${"]".repeat(MAX_BODY_DEPTH - 1)}}`)).status,
    ).toBe(201);
  });

  it("a query value beyond 2^53 and a path that is not valid percent-encoding are 400s", async () => {
    const { url } = await things(db);
    await expectProblem(await fetch(`${url}/things/x?n=9007199254740993`), 400);
    const problem = await expectProblem(await fetch(`${url}/things/%E0%A4%A`), 400);
    expect(problem.detail).toMatch(/percent-encoding/);
  });

  it("a corrupt or truncated gzip body is a 400", async () => {
    const { url } = await things(db);
    for (const body of [Buffer.from("not gzip at all"), gzipSync('{"name":"x"}').subarray(0, 12)]) {
      const response = await fetch(`${url}/things`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body,
      });
      expect((await expectProblem(response, 400)).detail).toMatch(/decompressed/);
    }
  });

  it("headers larger than Node accepts get a 431 problem+json", async () => {
    const { url } = await things(db);
    const answer = await rawGet(url, { "x-large": "a".repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, title: "Request Header Fields Too Large" });
  });

  it("a request that is not HTTP gets a 400 problem+json and the connection closed", async () => {
    const { url } = await things(db);
    const { port } = new URL(url);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write("GET / HTTP/1.1\r\nbad header line\r\n\r\n"),
      );
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("end", () => resolve(received));
      socket.on("error", reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toMatch(/content-type: application\/problem\+json/);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 400 });
  });
});

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/things/x`, { headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"]), body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}
