import { gzipSync } from "node:zlib";
import { fetch } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createClients } from "../../../src/runtime/clients/index.js";
import { createGateway, issueToken } from "../../../src/runtime/gateway/index.js";
import {
  createIdentitySigner,
  createIdentityVerifier,
  deriveWorkloadKey,
  IDENTITY_HEADER,
  identityEnv,
  IdentityError,
  trustedKeys,
} from "../../../src/runtime/identity/index.js";
import { startService } from "../../../src/runtime/host/index.js";
import { createService } from "../../../src/runtime/service/index.js";
import { expectProblem, Hosts, memoryLogger, specModel } from "../service/helpers.js";

const SECRET = "identity-test-secret";
const WORKLOADS = ["gateway", "notes", "audit", "billing"];
const model = specModel(`archkit: 1
system: { name: idt, title: Identity }
gateway:
  auth: { kind: jwt, issuer: idt, audience: idt-api, secretEnv: IDT_JWT_SECRET }
services:
  notes:
    endpoints:
      addNote:
        method: POST
        path: /notes
        public: true
        auth: required
        request: { body: { type: object, required: [text], properties: { text: { type: string } } } }
        responses: { 201: { type: object } }
        calls: [audit.record]
  audit:
    endpoints:
      record:
        method: POST
        path: /records
        request: { body: { type: object, required: [what], properties: { what: { type: string } } } }
        responses: { 201: { type: object } }
  billing:
    endpoints:
      bill: { method: POST, path: /bills, responses: { 204: ~ } }
`);
const hosts = new Hosts();
afterEach(() => hosts.closeAll());

const verifier = createIdentityVerifier(trustedKeys(SECRET, WORKLOADS));
const signerOf = (workload: string) => createIdentitySigner(deriveWorkloadKey(SECRET, workload));
const request = { audience: "audit", method: "POST", path: "/records", body: '{"what":"x"}' };

describe("workload signatures", () => {
  it("verify for the request they were made for, and for nothing else", async () => {
    const token = signerOf("notes").sign({ ...request, user: { id: "u1", roles: ["admin"] } });
    expect(await verifier.verify(token, request)).toEqual({ caller: "notes", user: { id: "u1", roles: ["admin"] } });
    const refusals: [string, object][] = [
      ["is for audit, not", { audience: "billing" }],
      ["is for POST, not GET", { method: "GET" }],
      ["is for /records, not /records?all=1", { path: "/records?all=1" }],
      ["the body is not the one that was signed", { body: '{"what":"y"}' }],
    ];
    for (const [message, change] of refusals) {
      const error = await verifier.verify(token, { ...request, ...change }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdentityError);
      expect((error as Error).message).toContain(message.replace("is for audit, not", "not valid"));
    }
  });

  it("refuse a missing header, an expired one, a key of another system, and one workload posing as another", async () => {
    await expect(verifier.verify(undefined, request)).rejects.toThrow("no x-archkit-identity header");
    vi.useFakeTimers({ now: Date.now() - 120_000, toFake: ["Date"] });
    const old = signerOf("notes").sign(request);
    vi.useRealTimers();
    await expect(verifier.verify(old, request)).rejects.toThrow(/not valid: (it has expired|.*maxTokenAge)/);
    const foreign = createIdentitySigner(deriveWorkloadKey("another secret", "notes"));
    await expect(verifier.verify(foreign.sign(request), request)).rejects.toThrow("the signature does not match");
    const posing = createIdentitySigner({ ...deriveWorkloadKey(SECRET, "billing"), kid: "notes" });
    await expect(verifier.verify(posing.sign(request), request)).rejects.toThrow("the signature does not match");
  });
});

describe("a service that verifies its callers", () => {
  async function startAll() {
    const logger = memoryLogger().logger;
    const auditUrl = await hosts.start(
      createService(
        { model, service: "audit", verifier },
        { record: async (req) => ({ status: 201, body: { by: req.ctx.user ?? null } }) },
        { logger },
      ),
    );
    const clients = createClients({ model, service: "notes", urls: { audit: auditUrl }, signer: signerOf("notes") });
    const notesUrl = await hosts.start(
      createService(
        { model, service: "notes", verifier },
        {
          addNote: async (req) => {
            const recorded = await clients["audit.record"]!({ body: { what: req.body.text } });
            return { status: 201, body: { user: req.ctx.user ?? null, recorded: recorded.body } };
          },
        },
        { logger, clients },
      ),
    );
    const env = { IDT_JWT_SECRET: "s".repeat(32), ...identityEnv(SECRET, "gateway", WORKLOADS) };
    const gatewayUrl = await hosts.start(
      createGateway({ model, targets: { notes: notesUrl, audit: auditUrl, billing: auditUrl }, env, logger }),
    );
    return { auditUrl, notesUrl, gatewayUrl, env };
  }

  it("serves what the gateway signed, passes the user on to the services it calls, and ignores x-user-* headers", async () => {
    const { gatewayUrl, env } = await startAll();
    const { accessToken } = await issueToken(
      { sub: "grace", roles: ["customer"] },
      { auth: model.gateway!.auth!, secret: env.IDT_JWT_SECRET },
    );
    const headers = {
      authorization: `Bearer ${accessToken}`,
      "content-type": "application/json",
      "x-user-id": "mallory",
    };
    const plain = await fetch(`${gatewayUrl}/notes`, { method: "POST", headers, body: '{"text":"hi"}' });
    expect(plain.status).toBe(201);
    const user = { id: "grace", roles: ["customer"] };
    expect(await plain.json()).toEqual({ user, recorded: { by: user } });
    const zipped = await fetch(`${gatewayUrl}/notes`, {
      method: "POST",
      headers: { ...headers, "content-encoding": "gzip" },
      body: gzipSync('{"text":"zipped"}'),
    });
    expect(zipped.status).toBe(201);
    const corrupt = await fetch(`${gatewayUrl}/notes`, {
      method: "POST",
      headers: { ...headers, "content-encoding": "gzip" },
      body: "not gzip",
    });
    await expectProblem(corrupt, 400);
  });

  it("answers 401 to a request past the gateway whatever its headers say, and 403 to a caller the spec does not declare", async () => {
    const { notesUrl, auditUrl } = await startAll();
    const forged = await fetch(`${notesUrl}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": "grace", "x-user-roles": "admin" },
      body: '{"text":"hi"}',
    });
    expect((await expectProblem(forged, 401)).detail).toContain("no x-archkit-identity header");
    const body = '{"what":"x"}';
    const asBilling = signerOf("billing").sign({ ...request, body });
    const undeclared = await fetch(`${auditUrl}/records`, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: asBilling },
      body,
    });
    expect((await expectProblem(undeclared, 403)).detail).toBe(
      "billing may not call audit.record; the spec declares as its callers: notes",
    );
    const asGateway = signerOf("gateway").sign({ ...request, body });
    const internal = await fetch(`${auditUrl}/records`, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: asGateway },
      body,
    });
    await expectProblem(internal, 403);
    const replayed = await fetch(`${auditUrl}/records`, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: asBilling },
      body: '{"what":"changed"}',
    });
    expect((await expectProblem(replayed, 401)).detail).toContain("the body is not the one that was signed");
  });
});

describe("a service's identity variables", () => {
  it("refuse a key of another workload or a JWKS that is no JSON, before the service opens anything", async () => {
    const handlers = { record: async () => ({ status: 201 as const, body: {} }) };
    const env = { ...identityEnv(SECRET, "notes", WORKLOADS), LOG_LEVEL: "silent" };
    await expect(startService({ model, service: "audit", handlers, env, port: 0 })).rejects.toThrow(
      "ARCHKIT_IDENTITY_KEY is the key of notes, not of audit",
    );
    const broken = { ...identityEnv(SECRET, "audit", WORKLOADS), ARCHKIT_IDENTITY_JWKS: "{keys", LOG_LEVEL: "silent" };
    await expect(startService({ model, service: "audit", handlers, env: broken, port: 0 })).rejects.toThrow(
      /^ARCHKIT_IDENTITY_JWKS is not JSON/,
    );
  });
});
