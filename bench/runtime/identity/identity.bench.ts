import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { compileSpec } from "../../../src/model/index.js";
import {
  createIdentitySigner,
  createIdentityVerifier,
  deriveWorkloadKey,
  IDENTITY_HEADER,
  trustedKeys,
} from "../../../src/runtime/identity/index.js";
import { createLogger } from "../../../src/runtime/observability/index.js";
import { createService } from "../../../src/runtime/service/index.js";

/**
 * What workload identity costs: signatures made and verified per second, and a service's
 * requests per second with caller verification on against off, measured in the same run (the
 * ratio is what counts on a noisy machine). Run: npx tsx bench/runtime/identity/identity.bench.ts
 */

const SECRET = "bench-identity-secret";
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const model = compileSpec(
  `archkit: 1
system: { name: bench, title: Bench }
services:
  caller:
    endpoints:
      ping: { method: GET, path: /ping, responses: { 200: ~ }, calls: [callee.record] }
  callee:
    endpoints:
      record:
        method: POST
        path: /records
        request: { body: { type: object, required: [what], properties: { what: { type: string } } } }
        responses: { 201: { type: object } }
`,
  "bench.yaml",
).model!;
const body = JSON.stringify({ what: "x".repeat(200) });
const request = { audience: "callee", method: "POST", path: "/records", body, user: { id: "u1", roles: ["admin"] } };
const signer = createIdentitySigner(deriveWorkloadKey(SECRET, "caller"));
const verifier = createIdentityVerifier(trustedKeys(SECRET, ["caller", "callee"]));

function perSecond(count: number, ms: number): string {
  return Math.round((count / ms) * 1000).toLocaleString("en");
}

const N = 20_000;
let began = performance.now();
const tokens = Array.from({ length: N }, () => signer.sign(request));
console.log(`sign:   ${perSecond(N, performance.now() - began)} signatures/s`);
began = performance.now();
for (const token of tokens) await verifier.verify(token, request);
console.log(`verify: ${perSecond(N, performance.now() - began)} verifications/s`);

async function serve(verifying: boolean): Promise<number> {
  const host = createService(
    { model, service: "callee", accessLog: false, ...(verifying ? { verifier } : {}) },
    { record: async () => ({ status: 201, body: {} }) },
    { logger: createLogger({ level: "silent" }) },
  );
  const { url } = await host.listen(0, "127.0.0.1");
  const result = await autocannon({
    url: `${url}/records`,
    method: "POST",
    headers: { "content-type": "application/json", [IDENTITY_HEADER]: signer.sign(request) },
    body,
    connections: 20,
    duration: DURATION_S,
  });
  await host.close();
  if (result.non2xx > 0) throw new Error(`${result.non2xx} answers were not 2xx`);
  return result.requests.average;
}

const plain = await serve(false);
const verified = await serve(true);
console.log(
  `service: ${Math.round(plain)} req/s unverified, ${Math.round(verified)} req/s verified (ratio ${(verified / plain).toFixed(2)})`,
);
