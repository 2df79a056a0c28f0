import type { Endpoint, Model } from "archkit/model";
import type { FixtureRequest } from "archkit/runtime";
import { ContractFailure, declared, problemsOf, schemaName, type SampleRequest, type TestContext } from "./model.js";
import { handlerFindings } from "./findings.js";
import { send, type Reply, type Target } from "./target.js";

/**
 * Which answers to a valid request pass: any declared one below 500, a declared 2xx (a flow's
 * example must succeed), or one declared status (a fixture request names the one it must get).
 */
export type Expectation = "declared" | "2xx" | { readonly status: number };

/**
 * A valid request gets a declared status and a body matching that status's schema. When the
 * services run here and the answer is wrong, the message also says what the handler returned and
 * which fields break the schema (the service itself answers 500 rather than send it).
 */
export async function checkValid(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, expectation: Expectation, about = ""): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, "valid");
  const problems = answerProblems(target.model, endpoint, reply, expectation).map((p) => `${about}${p}`);
  if (problems.length > 0) fail(endpoint, reply, problems, handlerFindings(target, endpoint, reply.correlationId, reply.status));
}

/**
 * Each request the fixtures give for an endpoint, laid over the request built from the spec (its
 * params, query and body replace the built ones), gets the status it names, or a declared 2xx,
 * with a body matching that status's schema. Skips, saying where to add one, when they give none.
 */
export async function checkFixtureRequests(ctx: TestContext, target: Target, endpoint: Endpoint, built: SampleRequest, given: readonly FixtureRequest[] | undefined): Promise<void> {
  if (!given || given.length === 0) ctx.skip(`the fixtures of ${endpoint.service} give no request for ${endpoint.name}: add one under requests.${endpoint.name} in services/${endpoint.service}/src/fixtures.ts`);
  for (const [index, fixture] of given.entries()) {
    const request: SampleRequest = {
      params: { ...built.params, ...Object.fromEntries(Object.entries(fixture.params ?? {}).map(([k, v]) => [k, String(v)])) },
      query: { ...built.query, ...(fixture.query as SampleRequest["query"] | undefined) },
      headers: built.headers,
      ...(fixture.body === undefined && built.body === undefined ? {} : { body: fixture.body ?? built.body }),
      ...(fixture.user === undefined ? {} : { user: fixture.user }),
    };
    const about = `the fixtures' request requests.${endpoint.name}[${index}]${fixture.name ? ` (${fixture.name})` : ""} `;
    await checkValid(ctx, target, endpoint, request, fixture.status === undefined ? "2xx" : { status: fixture.status }, about);
  }
}

function answerProblems(model: Model, endpoint: Endpoint, reply: Reply, expectation: Expectation): string[] {
  const response = endpoint.responses.find((r) => r.status === reply.status);
  if (!response || reply.status >= 500) return [`answered ${reply.status} to a valid request; it declares ${declared(endpoint)}`];
  if (expectation === "2xx" && (reply.status < 200 || reply.status > 299)) return [`answered ${reply.status} to a request that must succeed with a 2xx`];
  if (typeof expectation === "object" && reply.status !== expectation.status) return [`answered ${reply.status}, expected ${expectation.status}`];
  if (response.schema) {
    const broken = problemsOf(model, response.schema, reply.body);
    return broken.length > 0 ? [`answered ${reply.status} with a body that breaks ${schemaName(response.schema)}: ${broken.join("; ")}`] : [];
  }
  return reply.body === undefined ? [] : [`answered ${reply.status} with a body, but the spec declares none for ${reply.status}`];
}

/** An invalid request gets 400 problem+json naming the broken field. */
export async function checkInvalid(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, pointer: string): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, "valid");
  const problems = problemShape(target.model, reply, 400);
  const errors = (reply.body as { errors?: unknown } | undefined)?.errors;
  if (reply.status === 400 && Array.isArray(errors) && !errors.some((e: { pointer?: unknown }) => typeof e.pointer === "string" && e.pointer.startsWith(pointer))) {
    problems.push(`the problem's errors do not name ${pointer}: ${JSON.stringify(errors)}`);
  }
  if (problems.length > 0) fail(endpoint, reply, problems, []);
}

/** `auth: required` without a token gets 401; a role endpoint with another role gets 403. */
export async function checkRefused(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, status: 401 | 403): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, status === 401 ? "none" : "wrong-role");
  const problems = problemShape(target.model, reply, status);
  if (problems.length > 0) fail(endpoint, reply, problems, []);
}

function problemShape(model: Model, reply: Reply, status: number): string[] {
  if (reply.status !== status) return [`answered ${reply.status}, expected ${status}`];
  const out: string[] = [];
  if (!reply.contentType.startsWith("application/problem+json")) out.push(`answered ${status} as ${reply.contentType || "no content type"}, expected application/problem+json`);
  const problem = model.schemas.find((s) => s.id === "Problem");
  if (problem) {
    const broken = problemsOf(model, { kind: "named", name: problem.id, source: [] }, reply.body);
    if (broken.length > 0) out.push(`its problem body breaks Problem: ${broken.join("; ")}`);
  }
  return out;
}

function fail(endpoint: Endpoint, reply: Reply, problems: readonly string[], findings: readonly string[]): never {
  const lines = [`${endpoint.id} (${reply.method} ${new URL(reply.url).pathname}) ${problems.join("; ")}`, ...findings.map((f) => `  ${f}`)];
  const detail = (reply.body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === "string") lines.push(`  answer: ${detail}`);
  lines.push(`  request id: ${reply.correlationId}`);
  throw new ContractFailure(lines.join("\n"));
}
